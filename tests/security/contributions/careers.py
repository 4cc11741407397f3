"""Career records and graduates' outcomes: the verification page is public (it takes a code, not an id); outcomes
and partner employers belong to the organization that trained the person."""

from datetime import date

from datadam.academy.models import Enrolment
from datadam.careers import services
from tests.careers.conftest import cohort_of
from tests.conftest import Cast
from tests.security.shapes import ObjectsOfA

PUBLIC_ROUTES = {
    "careers/verify/": "anyone checks a career record with the code its owner shared; without a code, a form",
}


def objects_of_a(cast: Cast, a: ObjectsOfA) -> None:
    organization = cast.project.organization
    cohort = cohort_of(organization, cast.manager)
    Enrolment.objects.create(user=cast.labeler, cohort=cohort, status=Enrolment.Status.COMPLETED)
    employer = services.employer_save(
        actor=cast.manager, organization=organization, name="A의 비밀 협력 기업", cohorts=[cohort]
    )
    outcome = services.outcome_record(
        actor=cast.manager,
        organization=organization,
        person=cast.labeler,
        kind="hired",
        happened_on=date(2026, 10, 1),
        cohort=cohort,
        employer=employer,
        note="A의 비밀 채용 메모",
    )
    services.career_share_set(actor=cast.labeler, enabled=True)
    a.ids |= {"outcome_id": outcome.id, "employer_id": employer.id}
    a.secrets += [employer.name, outcome.note]
