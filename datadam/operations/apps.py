from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "datadam.operations"
    label = "operations"
