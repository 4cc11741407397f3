"""The words of each kind of notification, written when a person reads it, in their language."""

from django.utils.translation import gettext as _

from datadam.notifications.models import Notification


def _texts() -> dict[str, str]:
    return {
        Notification.Kind.REJECTION: _("A reviewer sent back your work in “%(project)s”. Reason: %(reason)s"),
        Notification.Kind.PROMOTION: _("You are now a reviewer in “%(project)s”."),
        Notification.Kind.PAYMENT: _("%(organization)s paid you %(amount)s: %(reason)s"),
        Notification.Kind.RELEASE_RETURNED: _(
            "The verifier returned release %(version)s of “%(project)s”. Reasons: %(comment)s"
        ),
        Notification.Kind.RELEASE_APPROVED: _(
            "The verifier approved release %(version)s of “%(project)s”; you may publish it."
        ),
    }


def message_of(notification: Notification) -> str:
    """The message in the active language. A parameter missing from an old row shows as a dash, never an error."""
    text = _texts().get(notification.kind, "")
    params = _Params(notification.params or {})
    return text % params


class _Params(dict):
    def __missing__(self, key: str) -> str:
        return "—"
