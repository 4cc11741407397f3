from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "datadam.catalog"
    label = "catalog"

    def ready(self) -> None:
        from datadam.catalog.services import dataset_ensure_for_release
        from datadam.releases.publish_hooks import release_published_register

        release_published_register(dataset_ensure_for_release)
