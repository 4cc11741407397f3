from django.apps import AppConfig


class CareersConfig(AppConfig):
    name = "datadam.careers"
    label = "careers"
