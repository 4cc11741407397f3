from django.apps import AppConfig


class AcademyConfig(AppConfig):
    name = "datadam.academy"
    label = "academy"
