"""What a project pays, on pages of apps that may not import pay (the project page, the task page): they load
these tags."""

from django import template

from datadam.pay.offer import pay_offer

register = template.Library()


@register.inclusion_tag("pay/_pay_line.html")
def pay_line(project) -> dict:
    """One short line: the rate per item and per unit, and the estimated hourly wage."""
    return {"offer": pay_offer(project=project)}
