"""Operators record outcomes for graduates of their own organizations; nobody else sees or changes them."""

from datetime import date

import pytest

from datadam.academy.models import Cohort
from datadam.careers import selectors, services
from datadam.careers.models import Outcome, PartnerEmployer
from datadam.core.errors import Invalid, NotFound
from datadam.programmes.models import Programme
from tests import factories
from tests.careers.conftest import cohort_of, enrol
from tests.conftest import Cast, client_for

pytestmark = pytest.mark.django_db


def record(cast: Cast, cohort: Cohort, **extra) -> Outcome:
    return services.outcome_record(
        actor=cast.manager,
        organization=cast.project.organization,
        person=cast.labeler,
        kind="hired",
        happened_on=date(2026, 10, 1),
        cohort=cohort,
        **extra,
    )


def test_staff_record_an_outcome_for_their_graduate_with_a_partner_employer(cast: Cast, cohort_a: Cohort) -> None:
    employer = services.employer_save(
        actor=cast.manager, organization=cast.project.organization, name="가나 AI", cohorts=[cohort_a]
    )

    outcome = record(cast, cohort_a, employer=employer)

    assert Outcome.objects.get().employer_label == "가나 AI"
    assert list(employer.cohorts.all()) == [cohort_a]
    assert list(selectors.outcome_list(actor=cast.owner)) == [outcome]
    assert not selectors.outcome_list(actor=cast.outsider).exists()


def test_nobody_records_an_outcome_for_someone_the_organization_did_not_train(cast: Cast, cohort_a: Cohort) -> None:
    with pytest.raises(Invalid):
        services.outcome_record(
            actor=cast.manager,
            organization=cast.project.organization,
            person=cast.labeler2,
            kind="hired",
            happened_on=date(2026, 10, 1),
        )

    assert not Outcome.objects.exists()


def test_another_organization_cannot_record_for_a_or_use_as_cohort(cast: Cast, cohort_a: Cohort) -> None:
    org_b = cast.project_b.organization
    enrol(cast.labeler, cohort_of(org_b, cast.manager_b))

    with pytest.raises(NotFound):
        services.outcome_record(
            actor=cast.manager_b,
            organization=cast.project.organization,
            person=cast.labeler,
            kind="offer",
            happened_on=date(2026, 10, 1),
        )
    with pytest.raises(Invalid):
        services.outcome_record(
            actor=cast.manager_b,
            organization=org_b,
            person=cast.labeler,
            kind="offer",
            happened_on=date(2026, 10, 1),
            cohort=cohort_a,
        )

    assert not Outcome.objects.exists()


def test_programme_operator_records_for_the_programmes_organizations(cast: Cast, cohort_a: Cohort) -> None:
    operator = factories.UserFactory(username="operator")
    programme = Programme.objects.create(name="서울 데이터 인재")
    programme.organizations.add(cast.project.organization)
    programme.operators.add(operator)

    services.outcome_record(
        actor=operator,
        organization=cast.project.organization,
        person=cast.labeler,
        kind="internship",
        happened_on=date(2026, 9, 1),
    )

    assert selectors.outcome_list(actor=operator).count() == 1


def test_outsider_gets_404_for_as_outcome_and_employer_pages(cast: Cast, cohort_a: Cohort) -> None:
    outcome = record(cast, cohort_a)
    employer = services.employer_save(actor=cast.manager, organization=cast.project.organization, name="가나 AI")
    client = client_for(cast.outsider)

    for path in [
        f"/careers/outcomes/{outcome.id}/",
        f"/careers/outcomes/{outcome.id}/delete/",
        f"/careers/employers/{employer.id}/",
    ]:
        assert client.post(path, {"kind": "offer", "happened_on": "2026-01-01", "name": "x"}).status_code == 404
    assert Outcome.objects.get().kind == "hired" and PartnerEmployer.objects.get().name == "가나 AI"
    assert "가나 AI" not in client.get("/careers/outcomes/").content.decode()


def test_manager_records_edits_and_deletes_through_the_pages(cast: Cast, cohort_a: Cohort) -> None:
    client = client_for(cast.manager)
    form = {
        "organization": cast.project.organization.id,
        "person": cast.labeler.id,
        "cohort": cohort_a.id,
        "kind": "freelance",
        "happened_on": "2026-10-02",
    }

    assert client.post("/careers/outcomes/", form).status_code == 302
    outcome = Outcome.objects.get()
    assert (
        client.post(f"/careers/outcomes/{outcome.id}/", {"kind": "permanent", "happened_on": "2026-11-01"}).status_code
        == 302
    )
    assert Outcome.objects.get().kind == "permanent"
    assert client.post(f"/careers/outcomes/{outcome.id}/delete/").status_code == 302
    assert not Outcome.objects.exists()
