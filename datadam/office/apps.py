from django.apps import AppConfig


class OfficeConfig(AppConfig):
    name = "datadam.office"
    label = "office"
