"""Telling a person they were paid: a bonus, an adjustment or a course stipend (each piece of work's own pay is
on the earnings page; a notice for every item would drown the ones that matter)."""

from django.urls import reverse

from datadam.notifications import services as notifications
from datadam.notifications.models import Notification
from datadam.pay.models import LedgerEntry


def payment_notify(entry: LedgerEntry) -> None:
    notifications.notification_send(
        user=entry.worker,
        kind=Notification.Kind.PAYMENT,
        params={
            "organization": entry.organization.name,
            "amount": f"{entry.amount:,} {entry.currency}",
            "reason": entry.reason or entry.get_kind_display(),
        },
        url=reverse("pay:earnings"),
    )
