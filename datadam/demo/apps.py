from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "datadam.demo"
    label = "demo"
