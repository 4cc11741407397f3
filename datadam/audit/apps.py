from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "datadam.audit"
    label = "audit"
