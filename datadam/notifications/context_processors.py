from django.http import HttpRequest

from datadam.notifications import selectors


def notifications(request: HttpRequest) -> dict:
    """The bell's unread count, counted only when a page shows the bell (a template calls the function)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"notifications_unread": lambda: selectors.unread_count(actor=user)}
