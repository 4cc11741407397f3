"""Quality's codes in plain words for pages that show them (a release report names its consensus method)."""

from django import template

from datadam.quality.aggregation import METHOD_NAMES

register = template.Library()


@register.filter
def aggregation_method_name(code: str) -> str:
    """"majority vote" for "mv"; an unknown code is shown as it is."""
    return str(METHOD_NAMES.get(code, code))
