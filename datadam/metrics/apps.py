from django.apps import AppConfig


class MetricsConfig(AppConfig):
    name = "datadam.metrics"
    label = "metrics"
