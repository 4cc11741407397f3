"""The commitments a data project made, measured from the work itself on a given day.

Each figure carries how it was computed, in plain words, so an auditor can check it against the rows listed
beside it. A traffic light compares the actual with the target: green at or above it, amber from 80 % of it,
red below; grey when nothing is due yet or there is no target.
"""

import statistics
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Q
from django.utils.translation import gettext as _

from datadam.academy.models import Enrolment, Qualification
from datadam.labeling.models import Annotation
from datadam.office.models import DIRECT_HIRES_PER_100M, HUNDRED_MILLION, ConsortiumMember, DataProject
from datadam.pay.selectors import project_wage_figures
from datadam.projects import access
from datadam.projects.models import Item
from datadam.releases.models import Release
from datadam.review.models import Review

AMBER_FROM = 0.8


@dataclass
class Figure:
    key: str
    label: str
    actual: float | None
    target: float | None
    unit: str  # "people", "percent", "items", "datasets", "won"
    how: str
    detail: dict = field(default_factory=dict)
    strict: bool = False  # no amber: anything under the target is red (a wage under the minimum)

    @property
    def status(self) -> str:
        if self.actual is None or not self.target:
            return "none"
        if self.actual >= self.target:
            return "green"
        return "amber" if not self.strict and self.actual >= AMBER_FROM * self.target else "red"


def figures_on(data_project: DataProject, day: date, wage: Figure | None = None) -> list[Figure]:
    """Every commitment of the data project, as it stood at the end of `day`. The wage figure is measured over
    the whole project (it does not depend on the day): pass one already computed to save the work."""
    return [
        direct_hires_on(data_project, day),
        crowd_share_on(data_project, day),
        crowd_trained_on(data_project, day),
        items_delivered_on(data_project, day),
        datasets_delivered_on(data_project, day),
        wage or hourly_wage(data_project),
    ]


def direct_hires_on(data_project: DataProject, day: date) -> Figure:
    employed = data_project.hires.filter(started_on__lte=day).filter(Q(ended_on__isnull=True) | Q(ended_on__gte=day))
    people = employed.values("organization_id", "person_reference").distinct().count()
    by_rule = DIRECT_HIRES_PER_100M * data_project.budget / HUNDRED_MILLION
    required = max(by_rule, data_project.direct_hires_promised)
    per_100m = people / (data_project.budget / HUNDRED_MILLION)
    return Figure(
        key="direct_hires",
        label=_("Direct hires"),
        actual=people,
        target=round(required, 1),
        unit="people",
        how=_(
            "People the consortium records as employed for the project on that day, counted once each. "
            "The target is the larger of 2.4 per 100 million won of budget (%(by_rule).1f) and the number "
            "promised (%(promised)s)."
        )
        % {"by_rule": by_rule, "promised": data_project.direct_hires_promised},
        detail={"per_100m": round(per_100m, 2), "rule_per_100m": DIRECT_HIRES_PER_100M},
    )


def staff_ids(data_project: DataProject) -> set[int]:
    """People on the staff of any consortium organization: their work is not crowd work."""
    organizations = ConsortiumMember.objects.filter(data_project=data_project).values("organization_id")
    return set(access.staff_user_ids(organizations).values_list("user_id", flat=True))


def crowd_share_on(data_project: DataProject, day: date) -> Figure:
    projects = data_project.projects.all()
    total = Item.objects.filter(project__in=projects, is_published=True, created_at__date__lte=day).count()
    staff = staff_ids(data_project)
    crowd_done = (
        Review.objects.filter(
            project__in=projects,
            verdict__in=[Review.Verdict.ACCEPT, Review.Verdict.CORRECT],
            created_at__date__lte=day,
        )
        .exclude(reviewer_id__in=staff)
        .exclude(annotation__author_id__in=staff)
        .values("annotation__item_id")
        .distinct()
        .count()
    )
    return Figure(
        key="crowd_share",
        label=_("Work done by the crowd"),
        actual=round(100 * crowd_done / total, 1) if total else None,
        target=data_project.crowd_share_promised,
        unit="percent",
        how=_(
            "Items whose accepted label was written by a crowd worker and reviewed by a crowd worker (not staff of "
            "a consortium organization), divided by all items of the linked projects: %(done)s of %(total)s."
        )
        % {"done": crowd_done, "total": total},
        detail={"crowd_items": crowd_done, "items": total},
    )


def crowd_workers(data_project: DataProject, day: date) -> set[int]:
    projects = data_project.projects.all()
    labelers = Annotation.objects.filter(project__in=projects, created_at__date__lte=day).values_list(
        "author_id", flat=True
    )
    reviewers = Review.objects.filter(project__in=projects, created_at__date__lte=day).values_list(
        "reviewer_id", flat=True
    )
    return (set(labelers) | set(reviewers)) - staff_ids(data_project)


def crowd_trained_on(data_project: DataProject, day: date) -> Figure:
    workers = crowd_workers(data_project, day)
    completed = Enrolment.objects.filter(
        user_id__in=workers, status=Enrolment.Status.COMPLETED, completed_at__date__lte=day
    ).values_list("user_id", flat=True)
    qualified = Qualification.objects.filter(user_id__in=workers, granted_at__date__lte=day).values_list(
        "user_id", flat=True
    )
    trained = len(set(completed) | set(qualified))
    return Figure(
        key="crowd_trained",
        label=_("Crowd workers trained"),
        actual=round(100 * trained / len(workers), 1) if workers else None,
        target=100,
        unit="percent",
        how=_(
            "Crowd workers who labeled or reviewed in the linked projects and completed an academy course or hold "
            "a qualification: %(trained)s of %(workers)s."
        )
        % {"trained": trained, "workers": len(workers)},
        detail={"trained": trained, "workers": len(workers)},
    )


def published_releases(data_project: DataProject, day: date) -> list[Release]:
    """The latest release of each linked project published by `day`."""
    latest: dict[int, Release] = {}
    releases = Release.objects.filter(
        project__in=data_project.projects.all(), status=Release.Status.PUBLISHED, published_at__date__lte=day
    ).order_by("published_at")
    for release in releases:
        latest[release.project_id] = release
    return list(latest.values())


def items_delivered_on(data_project: DataProject, day: date) -> Figure:
    due = data_project.deliveries.filter(due_on__lte=day)
    planned = sum(delivery.items for delivery in due)
    delivered = sum(release.entries_total for release in published_releases(data_project, day))
    return Figure(
        key="items_delivered",
        label=_("Items delivered"),
        actual=delivered,
        target=planned or None,
        unit="items",
        how=_(
            "Items in the latest published release of each linked project, against the items the plan said would "
            "be delivered by that day (%(planned)s of %(total)s planned in all)."
        )
        % {"planned": planned, "total": sum(d.items for d in data_project.deliveries.all())},
    )


def datasets_delivered_on(data_project: DataProject, day: date) -> Figure:
    due = data_project.deliveries.filter(due_on__lte=day).count()
    delivered = len(published_releases(data_project, day))
    return Figure(
        key="datasets_delivered",
        label=_("Data sets delivered"),
        actual=delivered,
        target=due or None,
        unit="datasets",
        how=_(
            "Linked projects with a published release, against the data sets the plan said would be delivered by "
            "that day (%(due)s of %(total)s planned)."
        )
        % {"due": due, "total": data_project.deliveries.count()},
    )


def hourly_wage(data_project: DataProject) -> Figure:
    medians = {}
    minimum = None
    for project in data_project.projects.select_related("organization"):
        wage = project_wage_figures(project=project)
        minimum = wage["minimum_wage"] if minimum is None else max(minimum, wage["minimum_wage"])
        if wage["median"] is not None:
            medians[project.name] = wage["median"]
    return Figure(
        key="hourly_wage",
        label=_("Effective hourly wage"),
        actual=min(medians.values()) if medians else None,
        target=minimum,
        unit="won",
        strict=True,
        how=_(
            "The lowest of the linked projects' median effective hourly wages (each worker's earnings divided by "
            "their active hours), against the minimum wage. Medians: %(medians)s."
        )
        % {"medians": ", ".join(f"{name} {value:,}" for name, value in medians.items()) or "—"},
        detail={"median_of_medians": statistics.median(medians.values()) if medians else None},
    )
