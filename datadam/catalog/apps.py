from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "datadam.catalog"
    label = "catalog"
