from django.apps import AppConfig


class LabelingConfig(AppConfig):
    name = "datadam.labeling"
    label = "labeling"

    def ready(self) -> None:
        from datadam.labeling.selectors import labeler_active_seconds
        from datadam.pay.active_time import active_time_source_register

        active_time_source_register(labeler_active_seconds)
