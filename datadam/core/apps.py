from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "datadam.core"
    label = "core"

    def ready(self) -> None:
        from datadam.core import checks  # noqa: F401  (registers the system checks)
