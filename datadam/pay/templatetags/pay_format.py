"""Money and shares as people read them: 7,200원 in Korean, 7,200 won in English."""

from django import template
from django.utils.translation import gettext as _

register = template.Library()

WON = "KRW"


@register.filter
def money(amount: int | None, currency: str = WON) -> str:
    """An amount in the currency's minor unit (won have none), with thousands separators; None is a dash."""
    if amount is None:
        return "—"
    figure = f"{amount:,}"
    if currency == WON:
        return _("%(amount)s won") % {"amount": figure}
    return f"{figure} {currency}"


@register.filter
def per_hour(amount: int | None, currency: str = WON) -> str:
    if amount is None:
        return "—"
    return _("%(money)s an hour") % {"money": money(amount, currency)}


@register.filter
def percent(share: float | None) -> str:
    return "—" if share is None else f"{round(share * 100)}%"


@register.filter
def active_time(seconds: int | None) -> str:
    """Measured active time as people say it: 40 s, 12 min, 3 h 5 min."""
    seconds = seconds or 0
    if seconds < 60:
        return _("%(seconds)d s") % {"seconds": seconds}
    hours, minutes = divmod(seconds // 60, 60)
    if not hours:
        return _("%(minutes)d min") % {"minutes": minutes}
    return _("%(hours)d h %(minutes)d min") % {"hours": hours, "minutes": minutes}
