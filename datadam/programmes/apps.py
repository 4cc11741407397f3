from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    name = "datadam.programmes"
    label = "programmes"
