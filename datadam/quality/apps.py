from django.apps import AppConfig


class QualityConfig(AppConfig):
    name = "datadam.quality"
    label = "quality"
