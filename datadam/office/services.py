"""Writes for the programme office: registering data projects with their consortium and plan, and recording
the people hired for them."""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from datadam.accounts.models import Organization, User
from datadam.audit.services import audit_record
from datadam.core.errors import Conflict, Invalid, NotFound
from datadam.office import permissions, selectors
from datadam.office.models import ConsortiumMember, DataProject, DirectHire, PlannedDelivery
from datadam.programmes.models import Programme
from datadam.projects.models import Project

MAX_BUDGET = 10**13  # ten trillion won: anything larger is a typo


@dataclass(frozen=True)
class Delivery:
    dataset_name: str
    items: int
    due_on: date


@dataclass(frozen=True)
class Plan:
    title: str
    category: str
    field: str
    budget: int
    starts_on: date
    ends_on: date
    direct_hires_promised: int
    crowd_share_promised: int


def _check_plan(plan: Plan, deliveries: list[Delivery]) -> None:
    if not 0 < plan.budget <= MAX_BUDGET:
        raise Invalid(_("The budget must be more than 0 won (and less than 10 trillion)."))
    if plan.ends_on < plan.starts_on:
        raise Invalid(_("The end date comes before the start date."))
    if plan.category not in DataProject.Category.values:
        raise Invalid(_("Unknown category: %(category)s") % {"category": plan.category})
    if not 0 <= plan.crowd_share_promised <= 100:
        raise Invalid(_("The crowd share is a percentage from 0 to 100."))
    for delivery in deliveries:
        _check_delivery(plan.starts_on, delivery)


def _check_delivery(starts_on: date, delivery: Delivery) -> None:
    if delivery.due_on < starts_on:
        message = _("The plan date %(due)s for %(name)s comes before the project starts (%(start)s).")
        raise Invalid(message % {"due": delivery.due_on, "name": delivery.dataset_name, "start": starts_on})
    if delivery.items < 1:
        raise Invalid(_("A planned data set has at least one item."))


def _check_consortium(members: list[tuple[Organization, str]]) -> None:
    roles = [role for _organization, role in members]
    if ConsortiumMember.Role.EXECUTING not in roles:
        raise Invalid(_("A consortium needs an executing organization."))
    organizations = [organization.id for organization, _role in members]
    if len(set(organizations)) != len(organizations):
        raise Invalid(_("An organization can have only one role in the consortium."))


def _check_projects(projects: list[Project], members: list[tuple[Organization, str]]) -> None:
    consortium = {organization.id for organization, _role in members}
    outside = [project.name for project in projects if project.organization_id not in consortium]
    if outside:
        raise Invalid(
            _("These projects belong to no consortium organization: %(names)s") % {"names": ", ".join(outside)}
        )


@transaction.atomic
def data_project_register(
    *,
    actor: User,
    programme: Programme,
    plan: Plan,
    members: list[tuple[Organization, str]],
    deliveries: list[Delivery],
    projects: list[Project],
) -> DataProject:
    """The programme office registers a funded data project with its consortium, plan and Datadam projects."""
    if not permissions.is_programme_operator(actor, programme):
        raise NotFound(_("No such programme."))
    _check_plan(plan, deliveries)
    _check_consortium(members)
    _check_projects(projects, members)
    data_project = DataProject.objects.create(programme=programme, created_by=actor, **plan.__dict__)
    ConsortiumMember.objects.bulk_create(
        ConsortiumMember(data_project=data_project, organization=organization, role=role)
        for organization, role in members
    )
    PlannedDelivery.objects.bulk_create(
        PlannedDelivery(data_project=data_project, **delivery.__dict__) for delivery in deliveries
    )
    data_project.projects.set(projects)
    audit_record(actor=actor, action="data_project.register", target=data_project, detail={"title": plan.title})
    return data_project


@transaction.atomic
def delivery_add(*, actor: User, data_project: DataProject, delivery: Delivery) -> PlannedDelivery:
    if not permissions.can_plan_data_project(actor, data_project):
        raise NotFound(_("No such data project."))
    _check_delivery(data_project.starts_on, delivery)
    planned = PlannedDelivery.objects.create(data_project=data_project, **delivery.__dict__)
    audit_record(actor=actor, action="data_project.plan_add", target=data_project, detail={"items": delivery.items})
    return planned


@transaction.atomic
def hire_record(
    *,
    actor: User,
    data_project: DataProject,
    organization_id: int,
    person_name: str,
    person_reference: str,
    started_on: date,
    ended_on: date | None = None,
) -> DirectHire:
    """Staff of an executing organization record a person they employ for the data project."""
    if organization_id not in selectors.executing_organization_ids(actor, data_project):
        raise NotFound(_("No such organization in this consortium."))
    if ended_on is not None and ended_on < started_on:
        raise Invalid(_("The employment ends before it starts."))
    overlapping = DirectHire.objects.select_for_update().filter(
        data_project=data_project, organization_id=organization_id, person_reference=person_reference
    )
    overlapping = overlapping.filter(Q(ended_on__isnull=True) | Q(ended_on__gte=started_on))
    if ended_on is not None:
        overlapping = overlapping.filter(started_on__lte=ended_on)
    if overlapping.exists():
        raise Conflict(
            _("Employee %(reference)s is already recorded for a period that overlaps this one.")
            % {"reference": person_reference}
        )
    hire = DirectHire.objects.create(
        data_project=data_project,
        organization_id=organization_id,
        person_name=person_name,
        person_reference=person_reference,
        started_on=started_on,
        ended_on=ended_on,
        recorded_by=actor,
    )
    audit_record(actor=actor, action="data_project.hire_record", target=data_project, organization_id=organization_id)
    return hire
