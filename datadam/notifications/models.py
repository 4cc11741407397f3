from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    """Something a person should know about: their work was sent back, they were promoted, they were paid.

    The words are not stored: `kind` and `params` are, and the message is written in the reader's language when
    it is shown (kinds.py)."""

    class Kind(models.TextChoices):
        REJECTION = "rejection", _("Work sent back")
        PROMOTION = "promotion", _("Promotion")
        PAYMENT = "payment", _("Payment")
        RELEASE_RETURNED = "release_back", _("Release returned by the verifier")
        RELEASE_APPROVED = "release_ok", _("Release approved by the verifier")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    params = models.JSONField(default=dict)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["user", "-created_at"], name="notification_user_time_idx"),
            models.Index(fields=["user"], condition=Q(read_at__isnull=True), name="notification_unread_idx"),
        ]


class NotificationChoice(models.Model):
    """Which kinds of notification a person also wants by email. Without a row, none: email is opt-in."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    email_kinds = models.JSONField(default=list)
