"""The programme office registers data projects; bad plans are refused with the reason and nothing is written."""

from datetime import date

import pytest
from django.utils import translation

from datadam.core.errors import Conflict, Invalid, NotFound
from datadam.office import services as office
from datadam.office.models import DataProject, DirectHire
from datadam.programmes.services import programme_create
from tests import factories
from tests.office.conftest import START


def plan(**changes) -> office.Plan:
    fields = dict(
        title="의료 영상 데이터",
        category="designated",
        field="healthcare",
        budget=300_000_000,
        starts_on=START,
        ends_on=date(2026, 12, 31),
        direct_hires_promised=8,
        crowd_share_promised=50,
    )
    return office.Plan(**(fields | changes))


def register(programme, cast, **changes):
    members = changes.pop("members", [(cast.project.organization, "executing")])
    deliveries = changes.pop("deliveries", [office.Delivery("1차", 100, date(2026, 6, 30))])
    projects = changes.pop("projects", [])
    return office.data_project_register(
        actor=programme.operator,
        programme=programme.data_project.programme,
        plan=plan(**changes),
        members=members,
        deliveries=deliveries,
        projects=projects,
    )


@pytest.fixture(autouse=True)
def in_english():
    """The messages are matched in English here (the site speaks Korean by default)."""
    with translation.override("en"):
        yield


@pytest.mark.parametrize("budget", [0, -5_000_000])
def test_a_budget_of_zero_or_less_is_refused(programme, cast, budget) -> None:
    with pytest.raises(Invalid, match="budget"):
        register(programme, cast, budget=budget)
    assert DataProject.objects.count() == 1


def test_a_plan_date_before_the_project_starts_is_refused_naming_the_data_set(programme, cast) -> None:
    early = [office.Delivery("너무 이른 데이터", 10, date(2025, 12, 1))]

    with pytest.raises(Invalid, match="너무 이른 데이터"):
        register(programme, cast, deliveries=early)


def test_a_consortium_without_an_executing_organization_is_refused(programme, cast) -> None:
    with pytest.raises(Invalid, match="executing"):
        register(programme, cast, members=[(cast.project.organization, "crowdsourcing")])


def test_a_linked_project_must_belong_to_a_consortium_organization(programme, cast) -> None:
    with pytest.raises(Invalid, match=cast.project_b.name):
        register(programme, cast, projects=[cast.project_b])


def test_a_person_hired_twice_in_overlapping_periods_is_refused(programme, cast) -> None:
    with pytest.raises(Conflict, match="E-1"):
        office.hire_record(
            actor=cast.manager,
            data_project=programme.data_project,
            organization_id=cast.project.organization_id,
            person_name="김하나",
            person_reference="E-1",
            started_on=date(2026, 5, 1),
        )
    assert DirectHire.objects.filter(person_reference="E-1").count() == 1


def test_the_same_person_may_be_hired_again_after_the_first_period_ended(programme, cast) -> None:
    office.hire_record(
        actor=cast.manager,
        data_project=programme.data_project,
        organization_id=cast.project.organization_id,
        person_name="박세찌",
        person_reference="E-3",
        started_on=date(2026, 7, 1),
    )

    assert DirectHire.objects.filter(person_reference="E-3").count() == 2


def test_only_the_executing_organizations_staff_record_hires(programme, cast) -> None:
    with pytest.raises(NotFound):
        office.hire_record(
            actor=cast.manager_b,
            data_project=programme.data_project,
            organization_id=cast.project_b.organization_id,
            person_name="외부",
            person_reference="X-1",
            started_on=START,
        )


def test_another_programmes_operator_cannot_register_into_this_programme(programme, cast) -> None:
    stranger = factories.UserFactory(username="other-operator")
    programme_create(name="다른 사업", organizations=[cast.project_b.organization], operators=[stranger])

    with pytest.raises(NotFound):
        office.data_project_register(
            actor=stranger,
            programme=programme.data_project.programme,
            plan=plan(),
            members=[(cast.project.organization, "executing")],
            deliveries=[],
            projects=[],
        )
