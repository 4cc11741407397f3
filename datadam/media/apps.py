from django.apps import AppConfig


class MediaConfig(AppConfig):
    name = "datadam.media"
    label = "media"
