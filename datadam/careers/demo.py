"""Career demo: partner employers linked to the academy's first cohort, outcomes for its two graduates, and a
shared career record. Runs after the academy's part; does nothing if that part made no cohort. Idempotent."""

import datetime

from django.utils import timezone

from datadam.academy.models import Cohort
from datadam.accounts.models import User
from datadam.careers import services
from datadam.careers.models import Outcome, PartnerEmployer
from datadam.demo.loader import DemoCore

EMPLOYERS = [("대구 AI 데이터 주식회사", "채용팀 053-000-0000"), ("㈜한빛라벨", "hr@hanbit-label.example")]
# trainee, outcome, employer index, days ago
OUTCOMES = [("trainee6", "freelance", 1, 10), ("trainee7", "internship", 0, 5)]


def demo_load_part(core: DemoCore) -> None:
    cohort = Cohort.objects.filter(course__organization=core.organization, number=1).first()
    if cohort is None or PartnerEmployer.objects.filter(organization=core.organization).exists():
        return
    manager, today = core.people["manager"], timezone.localdate()
    employers = [
        services.employer_save(
            actor=manager, organization=core.organization, name=name, contact=contact, cohorts=[cohort]
        )
        for name, contact in EMPLOYERS
    ]
    for username, kind, employer, days_ago in OUTCOMES:
        person = User.objects.filter(username=username).first()
        if person is None or Outcome.objects.filter(person=person).exists():
            continue
        services.outcome_record(
            actor=manager,
            organization=core.organization,
            person=person,
            kind=kind,
            happened_on=today - datetime.timedelta(days=days_ago),
            cohort=cohort,
            employer=employers[employer],
        )
        services.career_share_set(actor=person, enabled=True)
