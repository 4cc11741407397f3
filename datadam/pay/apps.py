from django.apps import AppConfig


class PayConfig(AppConfig):
    name = "datadam.pay"
    label = "pay"
