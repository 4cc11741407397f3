from django.apps import AppConfig


class PayConfig(AppConfig):
    name = "datadam.pay"
    label = "pay"

    def ready(self) -> None:
        from datadam.pay.selectors import rate_suggestion
        from datadam.projects.rate_advice import rate_adviser_register

        rate_adviser_register(rate_suggestion)
