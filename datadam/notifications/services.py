"""Writes about notifications. Other apps call `notification_send` in the service that does the thing the person
is told about, so a reader sees the notice next to its cause."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from datadam.accounts.models import User
from datadam.core.errors import Invalid, NotFound
from datadam.notifications.kinds import message_of
from datadam.notifications.models import Notification, NotificationChoice

MAX_PARAM_LENGTH = 300


def notification_send(*, user: User, kind: str, params: dict[str, str], url: str = "") -> Notification:
    """Tell a person; by email too, once the transaction commits, when they asked for this kind by email."""
    clean = {key: str(value)[:MAX_PARAM_LENGTH] for key, value in params.items()}
    notification = Notification.objects.create(user=user, kind=kind, params=clean, url=url[:300])
    if user.email and kind in email_kinds_of(user):
        # robust: a mail server that is down is logged and does not fail the request whose work is already saved.
        transaction.on_commit(lambda: _email(notification), robust=True)
    return notification


def email_kinds_of(user: User) -> list[str]:
    choice = NotificationChoice.objects.filter(user=user).first()
    return list(choice.email_kinds) if choice else []


def _email(notification: Notification) -> None:
    """In the site's language: the mail is read outside any request that would say which language."""
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Datadam: %(kind)s") % {"kind": notification.get_kind_display()}
        body = message_of(notification) + "\n\n" + _("Every notification is on the Notifications page of Datadam.")
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [notification.user.email])


def notification_mark_read(*, actor: User, notification_id: int) -> Notification:
    notification = Notification.objects.filter(id=notification_id, user=actor).first()
    if notification is None:
        raise NotFound(_("No such notification."))
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def notification_mark_all_read(*, actor: User) -> int:
    return Notification.objects.filter(user=actor, read_at__isnull=True).update(read_at=timezone.now())


def notification_choices_set(*, actor: User, email_kinds: list[str]) -> NotificationChoice:
    unknown = set(email_kinds) - set(Notification.Kind.values)
    if unknown:
        raise Invalid(_("There is no kind of notification called %(kind)s.") % {"kind": ", ".join(sorted(unknown))})
    choice, _created = NotificationChoice.objects.update_or_create(
        user=actor, defaults={"email_kinds": sorted(set(email_kinds))}
    )
    return choice


def notifications_erase(*, user: User) -> None:
    """With the person: their notifications name projects, reasons and amounts."""
    Notification.objects.filter(user=user).delete()
    NotificationChoice.objects.filter(user=user).delete()
