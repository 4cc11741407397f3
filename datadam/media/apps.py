from django.apps import AppConfig
from django.core import checks

from datadam.media.checks import media_settings_check


class MediaConfig(AppConfig):
    name = "datadam.media"
    label = "media"

    def ready(self) -> None:
        checks.register(media_settings_check)
