"""Labeling's part of the project page: the overview of labels by stage, per day and per worker. The project
page (a lower app) loads this tag, so the figures come from labeling without projects importing it."""

from django import template
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from datadam.labeling import overview

register = template.Library()


@register.inclusion_tag("labeling/_project_overview.html")
def project_overview(project) -> dict:
    """The overview section for the project's staff (the page shows it to them alone)."""
    figures = overview.project_overview(project)
    chart = {
        "days": {
            "labels": [date_format(row["day"], "MONTH_DAY_FORMAT") for row in figures["per_day"]],
            "counts": [row["count"] for row in figures["per_day"]],
        },
        "workers": {
            "labels": [str(row["worker"]) for row in figures["per_worker"]],
            "counts": [row["count"] for row in figures["per_worker"]],
            "accepted": [row["accepted"] for row in figures["per_worker"]],
        },
        "series": {"labels": _("Labels"), "accepted": _("Accepted")},
    }
    return {"project": project, "figures": figures, "chart": chart}
