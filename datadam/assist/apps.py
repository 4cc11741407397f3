from django.apps import AppConfig


class AssistConfig(AppConfig):
    name = "datadam.assist"
    label = "assist"
