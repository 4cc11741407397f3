"""The job board's parts of other apps' pages: the academy's result page loads these tags, so it lists the jobs a
passed evaluation opened without the academy importing jobs."""

from django import template

from datadam.jobs import selectors

register = template.Library()


@register.inclusion_tag("jobs/_opened_jobs.html", takes_context=True)
def opened_jobs(context: template.Context, course) -> dict:
    """The jobs now open to the person who passed `course`, each with its pay and a join button."""
    request = context["request"]
    return {"postings": selectors.job_list_opened_by_course(actor=request.user, course=course), "request": request}
