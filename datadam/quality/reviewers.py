"""Reviewers held to a floor, as labelers are. Review measures how its verdicts hold up at the next stage and
hands the counts here; quality adds the reviewer's agreement with gold reviews, raises flags once and pauses
the reviewer (not the labeler in them) when the project's policy says so."""

from django.db import transaction
from django.utils.translation import gettext as _

from datadam.accounts.models import User
from datadam.core.errors import PermissionDenied
from datadam.projects.models import Project
from datadam.quality import gold_reviews, selectors, services
from datadam.quality.models import QualityPolicy, WorkerFlag, WorkerPause


def reviewer_gate(*, project: Project, reviewer: User) -> None:
    """Refuse a paused reviewer with the reason."""
    pause = reviewer_pause_get(project=project, reviewer=reviewer)
    if pause is not None:
        raise PermissionDenied(
            _("Your reviewing on this project is paused. Reason: %(reason)s Ask the project manager to look at it.")
            % {"reason": pause.reason}
        )


def reviewer_pause_get(*, project: Project, reviewer: User) -> WorkerPause | None:
    return _review_pauses(project).filter(worker=reviewer).first()


def reviewer_pauses(*, project: Project) -> dict[int, str]:
    """The reason each paused reviewer of the project was paused, by reviewer id."""
    return dict(_review_pauses(project).values_list("worker_id", "reason"))


def _review_pauses(project: Project):
    return WorkerPause.objects.filter(project=project, role=WorkerPause.Role.REVIEW, lifted_at__isnull=True)


def reviewer_flags_open(*, project: Project) -> dict[int, list[WorkerFlag]]:
    """Open reviewer flags per reviewer id."""
    flags: dict[int, list[WorkerFlag]] = {}
    kinds = (WorkerFlag.Kind.REVIEW, WorkerFlag.Kind.REVIEW_GOLD)
    for flag in WorkerFlag.objects.filter(project=project, kind__in=kinds, resolved_at__isnull=True):
        flags.setdefault(flag.worker_id, []).append(flag)
    return flags


def reviewer_flags_evaluate(*, project: Project, reviewer: User, confirmed: int, decided: int) -> list[WorkerFlag]:
    """Check one reviewer against the floor: `confirmed` of their `decided` verdicts held at the next stage
    (review counts them, since `reviewer_counting_since`), and their agreement with gold reviews. Returns the
    flags raised now."""
    policy = QualityPolicy.objects.filter(project=project).first()
    if policy is None:
        return []  # no policy, no floor for reviewers (a manager's settings create one)
    findings = []
    floor = policy.reviewer_floor
    if decided >= policy.min_reviewer_verdicts and confirmed / decided < floor:
        findings.append(
            (
                WorkerFlag.Kind.REVIEW,
                _("%(share)d%% of your verdicts held at the next stage; this project needs %(floor)d%%.")
                % {"share": round(100 * confirmed / decided), "floor": round(100 * floor)},
            )
        )
    since = selectors.last_flag_resolution(project, reviewer)  # after a lifted pause, only what came since
    gold = gold_reviews.gold_review_agreement(project=project, reviewer_ids=[reviewer.id], since=since)
    gold = gold.get(reviewer.id)
    if gold and gold["answers"] >= policy.min_gold_answers and gold["share"] < floor:
        findings.append(
            (
                WorkerFlag.Kind.REVIEW_GOLD,
                _("Your verdicts on check work were right %(share)d%% of the time; this project needs %(floor)d%%.")
                % {"share": round(100 * gold["share"]), "floor": round(100 * floor)},
            )
        )
    with transaction.atomic():
        return services.flags_raise(project, reviewer, policy, findings, role=WorkerPause.Role.REVIEW)


def reviewer_counting_since(*, project: Project, reviewer: User):
    """After a manager lifted a pause (resolving the flags), only verdicts since then count toward the floor."""
    return selectors.last_flag_resolution(project, reviewer)
