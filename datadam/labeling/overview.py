"""The project overview's figures for its staff: labels by stage, labels per day and per worker, the median time
per label, and when the work will be done at the current pace.

Every figure counts labels (an item with an overlap of three needs three), so the stages add up. The caller has
already checked that the person may manage the project.
"""

import datetime
import math
import statistics

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone

from datadam.accounts.models import User
from datadam.labeling.models import Annotation, Assignment
from datadam.projects.models import Item, Project

DAYS_SHOWN = 14
PACE_DAYS = 7
WORKERS_SHOWN = 10
TIMES_SAMPLED = 2000


def _labels(project: Project):
    """Labelers' own answers: a reviewer's correction is authored by the reviewer and is left out."""
    return Annotation.objects.filter(project=project, author_id=F("assignment__worker_id"))


def project_stages(project: Project) -> dict[str, int]:
    """Labels in each stage: still to make, leased, waiting for review, in review, accepted, sent back."""
    now = timezone.now()
    waiting = Item.objects.filter(project=project, is_published=True).aggregate(n=Sum("open_slots"))["n"] or 0
    leases = Assignment.objects.filter(project=project).aggregate(
        leased=Count("id", filter=Q(status=Assignment.Status.ACTIVE, expires_at__gt=now)),
        rejected=Count("id", filter=Q(status=Assignment.Status.REWORK)),
    )
    submitted = Annotation.objects.filter(project=project, status=Annotation.Status.SUBMITTED).aggregate(
        in_review=Count("id", filter=Q(claim_expires_at__gt=now)), total=Count("id")
    )
    accepted = _labels(project).filter(status__in=[Annotation.Status.ACCEPTED, Annotation.Status.CORRECTED]).count()
    return {
        "waiting": waiting,
        "leased": leases["leased"],
        "submitted": submitted["total"] - submitted["in_review"],
        "in_review": submitted["in_review"],
        "accepted": accepted,
        "rejected": leases["rejected"],
    }


def labels_per_day(project: Project, *, today: datetime.date, days: int = DAYS_SHOWN) -> list[dict]:
    """New labels submitted on each of the last `days` days (in the site's time zone), zeros included."""
    first = today - datetime.timedelta(days=days - 1)
    counts = dict(
        _labels(project)
        .filter(version=1, created_at__date__gte=first)
        .annotate(day=TruncDate("created_at"))
        .values("day")
        .annotate(n=Count("id"))
        .values_list("day", "n")
    )
    return [{"day": day, "count": counts.get(day, 0)} for day in (first + datetime.timedelta(n) for n in range(days))]


def labels_per_worker(project: Project, *, limit: int = WORKERS_SHOWN) -> list[dict]:
    """The workers with the most labels: how many, how many accepted, and their median seconds per label."""
    rows = list(
        _labels(project)
        .filter(version=1)
        .values("author_id")
        .annotate(count=Count("id"))
        .order_by("-count", "author_id")[:limit]
    )
    people = User.objects.in_bulk([row["author_id"] for row in rows])
    accepted = dict(
        _labels(project)
        .filter(author_id__in=people, status__in=[Annotation.Status.ACCEPTED, Annotation.Status.CORRECTED])
        .values("author_id")
        .annotate(n=Count("id"))
        .values_list("author_id", "n")
    )
    return [
        {
            "worker": people[row["author_id"]],
            "count": row["count"],
            "accepted": accepted.get(row["author_id"], 0),
            "median_seconds": _median_seconds(_labels(project).filter(author_id=row["author_id"])),
        }
        for row in rows
    ]


def _median_seconds(labels) -> int | None:
    """The median active seconds of the newest labels (a sample, so a large project stays quick)."""
    seconds = list(
        labels.filter(active_seconds__gt=0).order_by("-id").values_list("active_seconds", flat=True)[:TIMES_SAMPLED]
    )
    return round(statistics.median(seconds)) if seconds else None


def finish_estimate(stages: dict[str, int], per_day: list[dict], *, today: datetime.date) -> dict:
    """The day the remaining labels are done if the last week's pace holds; no date without a pace."""
    remaining = stages["waiting"] + stages["leased"] + stages["rejected"]
    recent = per_day[-PACE_DAYS:]
    pace = sum(day["count"] for day in recent) / PACE_DAYS
    if remaining == 0:
        return {"remaining": 0, "pace": pace, "days": 0, "date": today}
    if pace == 0:
        return {"remaining": remaining, "pace": 0, "days": None, "date": None}
    days = math.ceil(remaining / pace)
    return {"remaining": remaining, "pace": pace, "days": days, "date": today + datetime.timedelta(days=days)}


def project_overview(project: Project) -> dict:
    today = timezone.localdate()
    stages = project_stages(project)
    per_day = labels_per_day(project, today=today)
    return {
        "stages": stages,
        "per_day": per_day,
        "per_worker": labels_per_worker(project),
        "median_seconds": _median_seconds(_labels(project)),
        "estimate": finish_estimate(stages, per_day, today=today),
    }
