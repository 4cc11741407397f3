"""Reads about money owed: a worker's own earnings and statements, and the figures managers see.

Periods are calendar months in the server's time zone (Asia/Seoul by default). The effective hourly
wage is earnings ÷ active hours, where active hours come from the time the labeling and review pages
reported (focus and input, idle spells left out).
"""

import re
import statistics
from dataclasses import dataclass
from datetime import date, datetime, time

from django.db.models import Count, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from datadam.accounts.models import Organization
from datadam.core.errors import Invalid, NotFound
from datadam.pay import active_time
from datadam.pay.active_time import active_seconds_of
from datadam.pay.models import LedgerEntry
from datadam.projects import access
from datadam.projects.models import Project

RATE_MARGIN = 1.2
MONTH = re.compile(r"(\d{4})-(\d{2})", re.ASCII)
FIRST_YEAR = 2000


@dataclass(frozen=True)
class Period:
    first_day: date

    @classmethod
    def parse(cls, text: str) -> "Period":
        """'2026-11' → that month. A month that has not begun yet is refused, and so is one before 2000
        (a month near year 1 would overflow when its bounds are turned into UTC for the query)."""
        match = MONTH.fullmatch(text)
        try:
            period = cls(date(int(match[1]), int(match[2]), 1)) if match else None
        except ValueError:
            period = None
        if period is None:
            raise Invalid(_("Give the month as YYYY-MM, for example 2026-11."))
        if period.first_day.year < FIRST_YEAR:
            raise Invalid(_("There are no statements before %(year)d.") % {"year": FIRST_YEAR})
        if period.first_day > timezone.localdate():
            raise Invalid(_("There is no statement for a month that has not begun."))
        return period

    @classmethod
    def current(cls) -> "Period":
        today = timezone.localdate()
        return cls(today.replace(day=1))

    @property
    def previous(self) -> "Period":
        day = self.first_day
        return Period(date(day.year - 1, 12, 1) if day.month == 1 else date(day.year, day.month - 1, 1))

    @property
    def following(self) -> "Period | None":
        """The next month, or None while it has not begun."""
        following = Period(self.next_first_day)
        return following if following.first_day <= timezone.localdate() else None

    @property
    def next_first_day(self) -> date:
        year, month = self.first_day.year + self.first_day.month // 12, self.first_day.month % 12 + 1
        return date(year, month, 1)

    @property
    def bounds(self) -> tuple[datetime, datetime]:
        start = timezone.make_aware(datetime.combine(self.first_day, time.min))
        end = timezone.make_aware(datetime.combine(self.next_first_day, time.min))
        return start, end

    def __str__(self) -> str:
        return self.first_day.strftime("%Y-%m")


def _hourly(amount: int, seconds: int) -> int | None:
    return round(amount * 3600 / seconds) if seconds >= 60 else None


def ledger_list_mine(*, actor, period: Period) -> QuerySet[LedgerEntry]:
    start, end = period.bounds
    return (
        LedgerEntry.objects.filter(worker=actor, created_at__gte=start, created_at__lt=end)
        .select_related("project", "organization")
        .order_by("created_at", "id")
    )


def statement_get(*, actor, period: Period) -> dict:
    """A worker's statement for one month: every row, the total, active hours and the effective wage."""
    entries = list(ledger_list_mine(actor=actor, period=period))
    start, end = period.bounds
    total = sum(entry.amount for entry in entries)
    seconds = active_seconds_of(worker_id=actor.id, start=start, end=end)
    return {
        "period": period,
        "entries": entries,
        "total": total,
        # One organization's currency in practice (won); a statement with none yet shows the default.
        "currency": entries[0].currency if entries else Organization._meta.get_field("currency").default,
        "active_seconds": seconds,
        "active_hours": round(seconds / 3600, 2),
        "hourly": _hourly(total, seconds),
    }


def statement_months(*, actor) -> list[str]:
    months = LedgerEntry.objects.filter(worker=actor).dates("created_at", "month", order="DESC")
    return [month.strftime("%Y-%m") for month in months]


def earnings_overview(*, actor) -> dict:
    """The worker's earnings page: today, this month, per project, pending work, and the wage figures."""
    now = timezone.localtime()
    today_start = timezone.make_aware(datetime.combine(now.date(), time.min))
    mine = LedgerEntry.objects.filter(worker=actor)
    month = statement_get(actor=actor, period=Period.current())
    per_project = (
        mine.values("project_id", "project__name", "currency").annotate(total=Sum("amount")).order_by("-total")
    )
    pending = sorted(active_time.pending_pay_of(actor=actor), key=lambda row: row["project__name"])
    minimum = _minimum_wage_for(actor)
    return {
        "today": mine.filter(created_at__gte=today_start).aggregate(total=Sum("amount"))["total"] or 0,
        "month": month,
        "per_project": list(per_project),
        "pending": pending,
        "pending_total": sum(row["value"] or 0 for row in pending),
        "minimum_wage": minimum,
        "below_minimum": month["hourly"] is not None and minimum is not None and month["hourly"] < minimum,
        "months": statement_months(actor=actor),
    }


def _minimum_wage_for(actor) -> int | None:
    """The minimum wage of the organization the worker earned most from (the default when none yet)."""
    top = (
        LedgerEntry.objects.filter(worker=actor)
        .values("organization_id")
        .annotate(total=Sum("amount"))
        .order_by("-total")
        .first()
    )
    if top is None:
        return Organization._meta.get_field("minimum_hourly_wage").default
    return Organization.objects.get(id=top["organization_id"]).minimum_hourly_wage


def project_wage_figures(*, project: Project) -> dict:
    """Per worker in the project: earnings ÷ active hours. The median, and the share under the minimum wage."""
    per_worker = LedgerEntry.objects.filter(project=project).values("worker_id").annotate(total=Sum("amount"))
    hourly = []
    for row in per_worker:
        seconds = active_seconds_of(
            worker_id=row["worker_id"], start=project.created_at, end=timezone.now(), project_id=project.id
        )
        wage = _hourly(row["total"], seconds)
        if wage is not None:
            hourly.append(wage)
    minimum = project.organization.minimum_hourly_wage
    median = round(statistics.median(hourly)) if hourly else None
    below = sum(1 for wage in hourly if wage < minimum)
    return {
        "workers": len(hourly),
        "median": median,
        "below_share": below / len(hourly) if hourly else None,
        "minimum_wage": minimum,
        "underpays": median is not None and median < minimum,
        "suggested_rate": rate_suggestion(project=project),
    }


def rate_suggestion(*, project: Project) -> int | None:
    """A piece rate that pays the minimum wage at the median measured pace, with a margin, rounded up to 10."""
    seconds = active_time.piece_seconds_of(project=project)
    if len(seconds) < 5:
        return None
    per_item = statistics.median(seconds) * project.organization.minimum_hourly_wage / 3600 * RATE_MARGIN
    return int(-(-per_item // 10) * 10)


def payroll_get(*, actor, organization_id: int, period: Period) -> dict:
    """Every worker's total for the month in one organization, for payroll. Only its staff may read it."""
    organization = access.scope_to_staff(Organization.objects.filter(id=organization_id), actor, field="pk").first()
    if organization is None:
        raise NotFound(_("No such organization."))
    start, end = period.bounds
    rows = (
        LedgerEntry.objects.filter(organization=organization, created_at__gte=start, created_at__lt=end)
        .values("worker_id", "worker__username", "worker__display_name")
        .annotate(total=Sum("amount"), entries=Count("id"))
        .order_by("worker__username")
    )
    return {"organization": organization, "period": period, "rows": list(rows), "total": sum(r["total"] for r in rows)}


def ledger_for_work(*, annotation_ids: list[int], worker_id: int | None = None) -> list[dict]:
    """The ledger rows written for these pieces of labeling work (earnings and reversals), oldest first; only one
    worker's when `worker_id` is given. The caller has already scoped the work to the person asking."""
    rows = LedgerEntry.objects.filter(source_type=LedgerEntry.Source.ANNOTATION, source_id__in=annotation_ids)
    if worker_id is not None:
        rows = rows.filter(worker_id=worker_id)
    fields = ("source_id", "worker_id", "worker__username", "kind", "amount", "currency", "reason", "created_at")
    return list(rows.order_by("created_at", "id").values(*fields))
