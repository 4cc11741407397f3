"""File sizes the same way on every page and in both languages: 634 B, 12.3 KB, 4.5 MB, 1.2 GB.

Django's filesizeformat writes "634 바이트" in Korean beside "12.3 KB"; one set of unit symbols reads better."""

from django import template
from django.utils.formats import number_format

register = template.Library()

UNITS = ("KB", "MB", "GB", "TB")


@register.filter
def file_size(size: int | None) -> str:
    """Bytes in B up to 1,023, then in KB, MB, GB or TB with one decimal (units of 1,024)."""
    if size is None:
        return "—"
    if size < 1024:
        return f"{size} B"
    value, step = size / 1024, 0
    while value >= 1024 and step < len(UNITS) - 1:
        value, step = value / 1024, step + 1
    return f"{number_format(value, 1)} {UNITS[step]}"
