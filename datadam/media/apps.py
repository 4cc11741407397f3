from django.apps import AppConfig
from django.core import checks

from datadam.media.checks import media_settings_check


class MediaConfig(AppConfig):
    name = "datadam.media"
    label = "media"

    def ready(self) -> None:
        checks.register(media_settings_check)
        from datadam.accounts.erasure import person_eraser_register
        from datadam.media.collect import contribution_erase_for_person

        person_eraser_register(contribution_erase_for_person)

        from datadam.media.recovery import media_import_given_up
        from datadam.operations.job_hooks import given_up_register

        given_up_register("datadam.media.tasks.media_import_run_task", media_import_given_up)
