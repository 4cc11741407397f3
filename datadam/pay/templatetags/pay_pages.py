"""Pay's parts of other apps' pages. A page of a lower app (the project page) loads these tags, so the
figures come from pay without that app importing pay."""

from django import template

from datadam.pay import selectors

register = template.Library()


@register.inclusion_tag("pay/_project_wage.html")
def project_wage(project) -> dict:
    """The project's pay and effective hourly wage section (staff only: the page shows it to them alone)."""
    return {"project": project, "wage": selectors.project_wage_figures(project=project)}


@register.simple_tag
def pay_period_current() -> str:
    """This month's name (YYYY-MM), for a link to this month's payroll."""
    return str(selectors.Period.current())
