"""Quality's codes in plain words for pages that show them (a release report names its consensus method)."""

from django import template

from datadam.quality.aggregation import METHOD_NAMES

register = template.Library()


@register.filter
def aggregation_method_name(code: str) -> str:
    """ "majority vote" for "mv"; an unknown code is shown as it is."""
    return str(METHOD_NAMES.get(code, code))


@register.filter
def share_percent(share: float | None) -> str:
    """A share (0..1) as a whole percent number, 0.853 → "85"; the page adds the % sign in its own words."""
    return "—" if share is None else str(round(share * 100))
