from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "datadam.operations"
    label = "operations"

    def ready(self) -> None:
        from django.core.signals import request_finished

        from datadam.operations.request_id import request_id_forget

        request_finished.connect(request_id_forget, dispatch_uid="datadam.request_id_forget")
