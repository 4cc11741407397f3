"""A constructed programme: one data project run by A (executing) with B crowdsourcing, a budget of 500 million
won, a plan of two data sets, three hires, and a little work in A's project — small enough to count by hand."""

from dataclasses import dataclass
from datetime import date, datetime

import pytest
from django.utils import timezone

from datadam.academy.models import Qualification
from datadam.accounts.models import User
from datadam.labeling import services as labeling
from datadam.labeling.models import Annotation
from datadam.office import services as office
from datadam.office.models import DataProject
from datadam.programmes.services import programme_create
from datadam.projects.models import Item, ProjectMembership
from datadam.releases.models import Release
from datadam.review import services as review
from datadam.review.models import Review
from tests import factories

START = date(2026, 1, 1)
DAY = date(2026, 6, 30)  # the day the figures are measured on


@dataclass
class Programme:
    operator: User
    data_project: DataProject


def at(day: date) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, 12))


@pytest.fixture
def programme(cast) -> Programme:
    operator = factories.UserFactory(username="operator")
    organizations = [cast.project.organization, cast.project_b.organization]
    funded = programme_create(name="2026 데이터 바우처", organizations=organizations, operators=[operator])
    plan = office.Plan(
        title="보행 안전 영상 데이터",
        category="designated",
        field="safety",
        budget=500_000_000,
        starts_on=START,
        ends_on=date(2026, 12, 31),
        direct_hires_promised=10,
        crowd_share_promised=60,
    )
    data_project = office.data_project_register(
        actor=operator,
        programme=funded,
        plan=plan,
        members=[(cast.project.organization, "executing"), (cast.project_b.organization, "crowdsourcing")],
        deliveries=[
            office.Delivery("1차 데이터", 1000, date(2026, 5, 31)),
            office.Delivery("2차 데이터", 500, date(2026, 10, 31)),
        ],
        projects=[cast.project],
    )
    _hire(cast, data_project, "김하나", "E-1", START, None)
    _hire(cast, data_project, "이두리", "E-2", date(2026, 3, 1), None)
    _hire(cast, data_project, "박세찌", "E-3", START, date(2026, 4, 30))  # gone before DAY
    _work(cast)
    Qualification.objects.create(user=cast.labeler, data_type="text", role="labeler")
    # The work happened in February, long before the day the figures are measured on.
    Item.objects.filter(project=cast.project).update(created_at=at(date(2026, 1, 15)))
    for model in (Annotation, Review, Qualification):
        model.objects.update(**{"granted_at" if model is Qualification else "created_at": at(date(2026, 2, 1))})
    Release.objects.create(
        project=cast.project,
        version="v1.0.0",
        cut_by=cast.manager,
        status=Release.Status.PUBLISHED,
        entries_total=2,
        published_at=at(date(2026, 6, 1)),
    )
    return Programme(operator=operator, data_project=data_project)


def _hire(cast, data_project, name, reference, started_on, ended_on) -> None:
    office.hire_record(
        actor=cast.manager,
        data_project=data_project,
        organization_id=cast.project.organization_id,
        person_name=name,
        person_reference=reference,
        started_on=started_on,
        ended_on=ended_on,
    )


def _work(cast) -> None:
    """The labeler (crowd) writes two accepted labels and the manager (staff) one; the crowd reviewer accepts all."""
    ProjectMembership.objects.create(project=cast.project, user=cast.manager, role="labeler")
    for worker in (cast.labeler, cast.labeler, cast.manager):
        lease = labeling.assignment_lease_next(actor=worker, project=cast.project)
        annotation, _ = labeling.annotation_submit(
            actor=worker, assignment_id=lease.id, result={"sentiment": "positive"}
        )
        review.review_accept(actor=cast.reviewer, annotation_id=annotation.id)
