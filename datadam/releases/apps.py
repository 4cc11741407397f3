from django.apps import AppConfig


class ReleasesConfig(AppConfig):
    name = "datadam.releases"
    label = "releases"
