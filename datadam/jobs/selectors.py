"""Reads for the public job board and its feeds. Only open postings of open, visible projects are ever shown."""

from dataclasses import dataclass

from django.db.models import IntegerField, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from datadam.core.errors import NotFound
from datadam.jobs import requirements
from datadam.jobs.models import JobPosting
from datadam.pay import offer
from datadam.pay import selectors as pay_selectors
from datadam.projects import access
from datadam.projects import selectors as project_selectors
from datadam.projects.models import Item, Project

MAX_SEARCH_LENGTH = 100


@dataclass(frozen=True)
class BoardFilter:
    """What a visitor narrowed the board to. Unknown values are ignored rather than refused: it is a public page."""

    data_type: str = ""
    qualification: str = ""  # "", "none" (no qualification needed), or "mine" (jobs I am qualified for)
    mode: str = ""
    language: str = ""
    search: str = ""

    @classmethod
    def from_query(cls, query) -> "BoardFilter":
        def pick(name: str, allowed: list[str]) -> str:
            value = query.get(name, "")
            return value if value in allowed else ""

        return cls(
            data_type=pick("data_type", Project.DataType.values),
            qualification=pick("qualification", ["none", "mine"]),
            mode=pick("mode", JobPosting.Mode.values),
            language=pick("language", JobPosting.Language.values),
            search=query.get("q", "").strip()[:MAX_SEARCH_LENGTH],
        )

    @property
    def is_set(self) -> bool:
        return any([self.data_type, self.qualification, self.mode, self.language, self.search])


def _open_slots() -> Subquery:
    slots = (
        Item.objects.filter(project_id=OuterRef("project_id"), is_published=True)
        .order_by()
        .values("project_id")
        .annotate(total=Sum("open_slots"))
        .values("total")
    )
    return Coalesce(Subquery(slots, output_field=IntegerField()), 0)


def job_list_public() -> QuerySet[JobPosting]:
    """Every posting anyone may see: open, deadline not passed, project open to join and not hidden."""
    today = timezone.localdate()
    return (
        JobPosting.objects.filter(
            is_open=True,
            project__hidden=False,
            project__join_policy=Project.JoinPolicy.OPEN,
        )
        .filter(Q(deadline__isnull=True) | Q(deadline__gte=today))
        .select_related("project", "project__organization")
        .annotate(work_remaining=_open_slots())
        .order_by("deadline", "-published_at", "id")
    )


def job_list(*, actor, board_filter: BoardFilter) -> QuerySet[JobPosting]:
    """The board as the actor asked to narrow it (the qualification filter "mine" needs a log-in)."""
    jobs = job_list_public()
    if board_filter.data_type:
        jobs = jobs.filter(project__data_type=board_filter.data_type)
    if board_filter.mode:
        jobs = jobs.filter(mode=board_filter.mode)
    if board_filter.language:
        jobs = jobs.filter(language=board_filter.language)
    if board_filter.search:
        words = board_filter.search
        jobs = jobs.filter(
            Q(project__name__icontains=words)
            | Q(project__description__icontains=words)
            | Q(project__organization__name__icontains=words)
            | Q(location__icontains=words)
        )
    if board_filter.qualification == "none":
        jobs = jobs.exclude(project_id__in=requirements.projects_with_requirement())
    elif board_filter.qualification == "mine":
        jobs = jobs.filter(project_id__in=requirements.projects_open_to(actor))
    return jobs


def job_get_public(*, project_id: int) -> JobPosting:
    posting = job_list_public().filter(project_id=project_id).first()
    if posting is None:
        raise NotFound(_("No such job."))
    return posting


def job_list_opened_by_course(*, actor, course) -> list[JobPosting]:
    """Jobs on the board that ask for a qualification of one of the course's data types and that the actor now
    meets, less those the actor already works on: what passing the course opened to them."""
    if not actor.is_authenticated:
        return []
    jobs = (
        job_list_public()
        .filter(project__academy_requirement__data_type__in=course.data_types or [])
        .exclude(project__memberships__user=actor)
    )
    return [posting for posting in jobs if requirements.meets(actor, posting.project)]


def job_get(*, actor, project_id: int) -> JobPosting:
    """A job anyone logged in may see on the board, or the posting of a project the actor's organization runs
    (staff preview a closed or invite-only posting); anything else is NotFound."""
    posting = job_list_public().filter(project_id=project_id).first()
    if posting is None and actor.is_authenticated:
        previews = JobPosting.objects.filter(project_id=project_id)
        previews = access.scope_to_staff(previews, actor, "project__organization")
        posting = (
            previews.select_related("project", "project__organization")
            .annotate(work_remaining=_open_slots())
            .first()
        )
    if posting is None:
        raise NotFound(_("No such job."))
    return posting


def posting_for_project(*, actor, project_id: int) -> tuple[Project, JobPosting | None]:
    """A managed project and its posting (None before one is published). Foreign projects are NotFound."""
    project = project_selectors.project_managed_get(actor=actor, project_id=project_id)
    return project, JobPosting.objects.filter(project=project).first()


def job_card(posting: JobPosting, actor=None, measured: bool = False) -> dict:
    """Everything the board shows about one job: pay, the estimated hourly wage, requirement and the course for it.

    `measured` adds the pay app's figures (each worker's earnings ÷ active time), for one job's own page."""
    project = posting.project
    requirement = requirements.requirement_of(project)
    pay = offer.pay_offer(project=project)
    estimate = pay.hourly_estimate
    minimum = project.organization.minimum_hourly_wage
    return {
        "posting": posting,
        "project": project,
        "wage_estimate": estimate,
        "unit_rates": pay.units,
        "below_minimum": estimate is not None and estimate < minimum,
        "minimum_wage": minimum,
        "wage": pay_selectors.project_wage_figures(project=project) if measured else None,
        "requirement": requirement,
        "requirement_label": requirements.requirement_label(requirement),
        "agreement": requirements.agreement_of(posting.project),
        "course": requirements.course_for(requirement),
        "qualified": requirements.meets(actor, project) if actor is not None else None,
        "work_remaining": getattr(posting, "work_remaining", 0),
    }
