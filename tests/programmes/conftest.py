from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from django.utils import timezone

from datadam.academy.models import Cohort, Enrolment, Qualification
from datadam.accounts.models import User
from datadam.careers.models import Outcome
from datadam.labeling.models import Annotation
from datadam.programmes import services
from datadam.programmes.models import Programme
from tests import factories
from tests.careers.conftest import cohort_of, enrol
from tests.conftest import Cast


@dataclass
class ProgrammeCast:
    programme: Programme
    operator: User
    cohort: Cohort
    trainees: dict[str, User]


def accepted_work(worker: User, item, days_ago: int = 1, status: str = Annotation.Status.ACCEPTED) -> Annotation:
    assignment = factories.AssignmentFactory(item=item, worker=worker, status="submitted")
    annotation = Annotation.objects.create(
        assignment=assignment, project=item.project, item=item, author=worker, result={}, status=status
    )
    Annotation.objects.filter(id=annotation.id).update(created_at=timezone.now() - timedelta(days=days_ago))
    return annotation


@pytest.fixture
def pcast(cast: Cast) -> ProgrammeCast:
    return programme_cast_build(cast)


def programme_cast_build(cast: Cast) -> ProgrammeCast:
    """A programme over organization A, whose one cohort had five applicants who went different distances:

    - applied: only applied;      - enrolled: enrolled, never finished;
    - completed: finished, no qualification;
    - reviewer: finished, qualified reviewer, never worked;
    - worker: finished, qualified labeler, 2 accepted items (one 3 days ago, one 40 days ago), hired.
    B's cohort has a worker of its own who must not be counted.
    """
    organization = cast.project.organization
    operator = factories.UserFactory(username="operator")
    programme = services.programme_create(
        name="서울 데이터 인재 양성", organizations=[organization], operators=[operator]
    )
    cohort = cohort_of(organization, cast.manager)
    trainees = {
        name: factories.UserFactory(username=f"t_{name}")
        for name in ["applied", "enrolled", "completed", "reviewer", "worker"]
    }
    enrol(trainees["applied"], cohort, Enrolment.Status.APPLIED)
    enrol(trainees["enrolled"], cohort, Enrolment.Status.ENROLLED)
    for name in ["completed", "reviewer", "worker"]:
        enrol(trainees[name], cohort)
    Qualification.objects.create(user=trainees["reviewer"], data_type="text", role="reviewer", course=cohort.course)
    Qualification.objects.create(user=trainees["worker"], data_type="text", role="labeler", course=cohort.course)
    accepted_work(trainees["worker"], cast.items[0], days_ago=3)
    accepted_work(trainees["worker"], cast.items[1], days_ago=40)
    accepted_work(trainees["worker"], cast.items[2], days_ago=2, status=Annotation.Status.REJECTED)
    Outcome.objects.create(
        organization=organization,
        person=trainees["worker"],
        kind="hired",
        happened_on=timezone.localdate(),
        recorded_by=cast.manager,
    )
    outsider_cohort = cohort_of(cast.project_b.organization, cast.manager_b)
    stranger = factories.UserFactory(username="b_trainee")
    enrol(stranger, outsider_cohort)
    Qualification.objects.create(user=stranger, data_type="text", role="labeler", course=outsider_cohort.course)
    accepted_work(stranger, factories.ItemFactory(project=cast.project_b), days_ago=1)
    return ProgrammeCast(programme=programme, operator=operator, cohort=cohort, trainees=trainees)


def this_year() -> dict[str, str]:
    today = timezone.localdate()
    return {"from": date(today.year - 1, 1, 1).isoformat(), "to": today.isoformat()}
