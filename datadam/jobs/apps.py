from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "datadam.jobs"
    label = "jobs"
