"""The programme dashboard's figures, across the programme's organizations. Only its operators may read them.

Figures about people are counts of distinct people. The funnel is nested: each stage counts the people of the
stage before it who went on (applied → enrolled → completed → qualified → started work → active), so every
rate reads "of those who reached the stage before".
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from datadam.academy.models import Cohort, Enrolment, Qualification, Role
from datadam.careers.models import Outcome
from datadam.catalog import selectors as catalog
from datadam.core.errors import Invalid, NotFound
from datadam.labeling.models import Annotation
from datadam.programmes.models import Programme, ProgrammeTarget
from datadam.projects import access

ACTIVE_DAYS = 30
MAX_PERIOD_DAYS = 366 * 10
ENROLLED = [Enrolment.Status.ENROLLED, Enrolment.Status.COMPLETED]

# (key, label, the stage it is a part of)
STAGES = [
    ("applied", gettext_lazy("Applied"), None),
    ("enrolled", gettext_lazy("Enrolled"), "applied"),
    ("completed", gettext_lazy("Completed the course"), "enrolled"),
    ("qualified_labeler", gettext_lazy("Qualified labeler"), "completed"),
    ("qualified_reviewer", gettext_lazy("Qualified reviewer"), "qualified_labeler"),
    ("started_work", gettext_lazy("Started work (1 or more accepted items)"), "qualified_labeler"),
    ("active", gettext_lazy("Active in the last 30 days"), "started_work"),
    ("employed", gettext_lazy("Employed (any outcome)"), "enrolled"),
]


@dataclass(frozen=True)
class DashboardPeriod:
    start: date
    end: date

    @classmethod
    def from_query(cls, query) -> "DashboardPeriod":
        """`from` and `to` as YYYY-MM-DD; by default this year up to today."""
        today = timezone.localdate()
        try:
            start = date.fromisoformat(query["from"]) if query.get("from") else date(today.year, 1, 1)
            end = date.fromisoformat(query["to"]) if query.get("to") else today
        except ValueError as exc:
            raise Invalid(_("Write dates as YYYY-MM-DD.")) from exc
        if start > end:
            raise Invalid(_("The period must start before it ends."))
        if (end - start).days > MAX_PERIOD_DAYS:
            raise Invalid(_("Pick a period of ten years or less."))
        return cls(start, end)

    @classmethod
    def year(cls, year: int) -> "DashboardPeriod":
        return cls(date(year, 1, 1), date(year, 12, 31))

    def bounds(self) -> tuple[datetime, datetime]:
        zone = timezone.get_current_timezone()
        return (
            datetime.combine(self.start, time.min, tzinfo=zone),
            datetime.combine(self.end + timedelta(days=1), time.min, tzinfo=zone),
        )


def programme_list(*, actor) -> QuerySet[Programme]:
    if not actor.is_authenticated:
        return Programme.objects.none()
    return Programme.objects.filter(operators=actor).order_by("name")


def programme_get(*, actor, programme_id: int) -> Programme:
    """A programme the actor operates; anyone else (staff of a member organization included) gets NotFound."""
    programme = programme_list(actor=actor).filter(id=programme_id).first()
    if programme is None:
        raise NotFound(_("No such programme."))
    return programme


@dataclass(frozen=True)
class Scope:
    """What one programme's figures are about: its organizations, their courses' cohorts and their projects."""

    organization_ids: list[int]
    period: DashboardPeriod

    @classmethod
    def of(cls, programme: Programme, period: DashboardPeriod) -> "Scope":
        return cls(list(programme.organizations.values_list("id", flat=True)), period)

    def cohorts(self) -> QuerySet[Cohort]:
        """Cohorts of the organizations' courses that ran at some time in the period."""
        return (
            access.scope_to_organizations(
                Cohort.objects.filter(starts_on__lte=self.period.end, ends_on__gte=self.period.start),
                self.organization_ids,
                "course__organization",
            )
            .select_related("course")
            .order_by("starts_on", "id")
        )

    def annotations(self) -> QuerySet[Annotation]:
        """Work in the organizations' real projects (course practice projects are hidden and left out)."""
        annotations = Annotation.objects.filter(project__hidden=False)
        return access.scope_to_organizations(annotations, self.organization_ids, "project__organization")

    def outcomes(self) -> QuerySet[Outcome]:
        outcomes = Outcome.objects.filter(happened_on__lte=self.period.end)
        return access.scope_to_organizations(outcomes, self.organization_ids)


def _ids(queryset: QuerySet, field: str = "user_id") -> set[int]:
    return set(queryset.values_list(field, flat=True).distinct())


def _funnel(scope: Scope, cohort_ids: list[int], course_ids: list[int]) -> dict:
    """The nested funnel for the people enrolled in these cohorts, with each stage's count and rates."""
    enrolments = Enrolment.objects.filter(cohort_id__in=cohort_ids)
    people: dict[str, set[int]] = {"applied": _ids(enrolments)}
    people["enrolled"] = _ids(enrolments.filter(status__in=ENROLLED))
    people["completed"] = _ids(enrolments.filter(status=Enrolment.Status.COMPLETED))
    qualifications = Qualification.objects.filter(course_id__in=course_ids, user_id__in=people["completed"])
    people["qualified_labeler"] = _ids(qualifications)
    people["qualified_reviewer"] = _ids(qualifications.filter(role=Role.REVIEWER))
    work = scope.annotations().filter(author_id__in=people["qualified_labeler"])
    people["started_work"] = _ids(work.filter(status=Annotation.Status.ACCEPTED), "author_id")
    reference = min(scope.period.bounds()[1], timezone.now())
    recent = work.filter(created_at__gte=reference - timedelta(days=ACTIVE_DAYS), created_at__lt=reference)
    people["active"] = _ids(recent, "author_id") & people["started_work"]
    outcomes = scope.outcomes().filter(person_id__in=people["enrolled"])
    people["employed"] = _ids(outcomes, "person_id")
    applied = len(people["applied"])
    stages = []
    for key, label, parent in STAGES:
        count = len(people[key])
        parent_count = len(people[parent]) if parent else None
        stages.append(
            {
                "key": key,
                "label": str(label),
                "count": count,
                "of_applied": count / applied if applied else None,
                "of_previous": count / parent_count if parent_count else None,
            }
        )
    by_kind = {kind: len(_ids(outcomes.filter(kind=kind), "person_id")) for kind in Outcome.Kind.values}
    return {"stages": stages, "employed_by_kind": _by_kind(by_kind, len(people["enrolled"]))}


def _by_kind(counts: dict[str, int], enrolled: int) -> list[dict]:
    return [
        {
            "kind": kind,
            "label": str(label),
            "count": counts[kind],
            "of_enrolled": counts[kind] / enrolled if enrolled else None,
        }
        for kind, label in Outcome.Kind.choices
    ]


def _work(scope: Scope) -> dict:
    start, end = scope.period.bounds()
    annotations = scope.annotations().filter(created_at__gte=start, created_at__lt=end)
    return {
        "items_labeled": annotations.values("item_id").distinct().count(),
        "items_accepted": annotations.filter(status=Annotation.Status.ACCEPTED).values("item_id").distinct().count(),
        "datasets_released": catalog.releases_published_count(
            scope.organization_ids, since=scope.period.start, until=scope.period.end
        ),
        "downloads": catalog.downloads_total(scope.organization_ids, since=scope.period.start, until=scope.period.end),
    }


def _overall(scope: Scope) -> dict:
    cohorts = list(scope.cohorts())
    return _funnel(scope, [cohort.id for cohort in cohorts], list({cohort.course_id for cohort in cohorts}))


def _actual(programme: Programme, year: int) -> dict[str, int]:
    """This year's actual figure for each target kind."""
    scope = Scope.of(programme, DashboardPeriod.year(year))
    stages = {stage["key"]: stage["count"] for stage in _overall(scope)["stages"]}
    work = _work(scope)
    return {
        ProgrammeTarget.Metric.TRAINEES: stages["enrolled"],
        ProgrammeTarget.Metric.COMPLETED: stages["completed"],
        ProgrammeTarget.Metric.QUALIFIED: stages["qualified_labeler"],
        ProgrammeTarget.Metric.EMPLOYED: stages["employed"],
        ProgrammeTarget.Metric.ITEMS_ACCEPTED: work["items_accepted"],
        ProgrammeTarget.Metric.DATASETS: work["datasets_released"],
    }


def _targets(programme: Programme, period: DashboardPeriod) -> list[dict]:
    targets = programme.targets.filter(year__gte=period.start.year, year__lte=period.end.year).order_by(
        "year", "metric"
    )
    actuals: dict[int, dict] = {}
    rows = []
    for target in targets:
        if target.year not in actuals:
            actuals[target.year] = _actual(programme, target.year)
        actual = actuals[target.year][target.metric]
        rows.append(
            {
                "year": target.year,
                "metric": target.metric,
                "label": target.get_metric_display(),
                "target": target.target,
                "actual": actual,
                "share": actual / target.target if target.target else None,
            }
        )
    return rows


def dashboard_get(*, actor, programme_id: int, period: DashboardPeriod) -> dict:
    """Every figure of the dashboard: targets against actuals, the funnel overall and per cohort, work and data."""
    programme = programme_get(actor=actor, programme_id=programme_id)
    scope = Scope.of(programme, period)
    cohorts = list(scope.cohorts())
    return {
        "programme": programme,
        "organizations": list(programme.organizations.order_by("name")),
        "period": period,
        "targets": _targets(programme, period),
        "overall": _funnel(scope, [cohort.id for cohort in cohorts], list({cohort.course_id for cohort in cohorts})),
        "cohorts": [{"cohort": cohort, **_funnel(scope, [cohort.id], [cohort.course_id])} for cohort in cohorts],
        "work": _work(scope),
    }


def organizations_operated_by(actor) -> QuerySet:
    """Ids of the organizations in the programmes the actor operates (careers asks this, through its oversight)."""
    return Programme.objects.filter(operators=actor).values("organizations")
