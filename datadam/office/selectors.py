"""Reads for the programme office, scoped: a programme's operators see all its data projects; staff of a
consortium organization see their own data projects; nobody else sees any."""

from datetime import date

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from datadam.core.errors import NotFound
from datadam.office import commitments
from datadam.office.models import ConsortiumMember, DataProject, DirectHire
from datadam.programmes.models import Programme
from datadam.projects import access


def programmes_operated(*, actor) -> QuerySet[Programme]:
    if not actor.is_authenticated:
        return Programme.objects.none()
    return Programme.objects.filter(operators=actor).order_by("name")


def programme_operated_get(*, actor, programme_id: int) -> Programme:
    programme = programmes_operated(actor=actor).filter(id=programme_id).first()
    if programme is None:
        raise NotFound(_("No such programme."))
    return programme


def data_projects_visible(*, actor) -> QuerySet[DataProject]:
    if not actor.is_authenticated:
        return DataProject.objects.none()
    own = access.scope_to_staff(ConsortiumMember.objects.all(), actor).values("data_project_id")
    return (
        DataProject.objects.filter(Q(programme__operators=actor) | Q(id__in=own))
        .distinct()
        .select_related("programme")
        .order_by("programme__name", "title")
    )


def data_project_get(*, actor, data_project_id: int) -> DataProject:
    data_project = data_projects_visible(actor=actor).filter(id=data_project_id).first()
    if data_project is None:
        raise NotFound(_("No such data project."))
    return data_project


def executing_organization_ids(actor, data_project: DataProject) -> set[int]:
    """The executing organizations of the data project where the actor is staff: they record direct hires."""
    executing = data_project.members.filter(role=ConsortiumMember.Role.EXECUTING)
    return set(access.scope_to_staff(executing, actor).values_list("organization_id", flat=True))


def hires_shown_to(*, actor, data_project: DataProject) -> list[dict]:
    """Every hire row; the person's name and number only where the actor works for the employing organization."""
    own = set(access.staff_organization_ids(actor).values_list("organization_id", flat=True))
    rows = []
    for hire in DirectHire.objects.filter(data_project=data_project).select_related("organization"):
        mine = hire.organization_id in own
        rows.append(
            {
                "organization": hire.organization.name,
                "name": hire.person_name if mine else None,
                "reference": hire.person_reference if mine else None,
                "started_on": hire.started_on,
                "ended_on": hire.ended_on,
            }
        )
    return rows


def month_ends(start: date, end: date) -> list[date]:
    """The last day of each month from start's month to end's, the last one being `end` itself."""
    days, year, month = [], start.year, start.month
    while (year, month) <= (end.year, end.month):
        following = date(year + month // 12, month % 12 + 1, 1)
        days.append(min(date.fromordinal(following.toordinal() - 1), end))
        year, month = following.year, following.month
    return days


def figures_over_time(*, data_project: DataProject, until: date) -> list[dict]:
    """Month by month from the start: the figures as they stood at each month's end."""
    last = min(until, data_project.ends_on)
    if last < data_project.starts_on:
        return []
    wage = commitments.hourly_wage(data_project)
    return [
        {"day": day, "figures": {figure.key: figure for figure in commitments.figures_on(data_project, day, wage)}}
        for day in month_ends(data_project.starts_on, last)
    ]
