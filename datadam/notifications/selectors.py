"""Reads about a person's own notifications; nobody reads another's."""

from django.db.models import QuerySet

from datadam.notifications.models import Notification

PAGE_SIZE = 50


def notification_list_mine(*, actor) -> QuerySet[Notification]:
    return Notification.objects.filter(user=actor).order_by("-created_at", "-id")


def unread_count(*, actor) -> int:
    if not actor.is_authenticated:
        return 0
    return Notification.objects.filter(user=actor, read_at__isnull=True).count()
