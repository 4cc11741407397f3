"""The job board's demo: postings for the demo's sentiment project and the academy's project for qualified
labelers. Idempotent: a project that already has a posting is left as it is."""

import datetime

from django.utils import timezone

from datadam.demo.loader import DemoCore
from datadam.jobs import services
from datadam.jobs.models import JobPosting
from datadam.projects.models import Project

QUALIFIED_PROJECT = "영화 리뷰 감성 분류 2단계 (수료자 전용)"  # made by the academy's demo part


def demo_load_part(core: DemoCore) -> None:
    manager, today = core.people["manager"], timezone.localdate()
    postings = [
        (core.project, {"labeler_openings": 100, "reviewer_openings": 10, "duration_weeks": 8, "mode": "remote"}),
    ]
    qualified = Project.objects.filter(organization=core.organization, name=QUALIFIED_PROJECT).first()
    if qualified is not None:
        postings.append(
            (
                qualified,
                {
                    "labeler_openings": 30,
                    "reviewer_openings": 5,
                    "duration_weeks": 4,
                    "mode": "hybrid",
                    "location": "대구 수성구 (주 1회 모임)",
                },
            )
        )
    for project, fields in postings:
        if JobPosting.objects.filter(project=project).exists():
            continue
        services.posting_publish(
            actor=manager, project=project, language="ko", deadline=today + datetime.timedelta(days=30), **fields
        )
