from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def figure_value(value: float | None, unit: str) -> str:
    """A figure as people read it: "—" when there is none, a % sign for shares, thousands separated."""
    if value is None:
        return "—"
    if unit == "percent":
        return f"{number_format(value, decimal_pos=1)} %"
    if float(value).is_integer():
        return number_format(int(value), force_grouping=True)
    return number_format(value, decimal_pos=1, force_grouping=True)
