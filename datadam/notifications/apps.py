from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "datadam.notifications"
    label = "notifications"

    def ready(self) -> None:
        from datadam.accounts.erasure import person_eraser_register
        from datadam.notifications.services import notifications_erase

        person_eraser_register(notifications_erase)
