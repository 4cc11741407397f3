"""One item's path (이력), as a timeline: leases, drafts, submits, verdicts per inspection stage (an overturned
acceptance marked), corrections, pay and its reversals, and the combined answer. Managers see every step with
names; a labeler sees only their own part of the item's path, and nobody else's name."""

from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext as _

from datadam.accounts.models import User
from datadam.core.errors import NotFound
from datadam.labeling.models import Annotation, Assignment
from datadam.pay import selectors as pay_selectors
from datadam.projects import access, stages
from datadam.projects import selectors as project_selectors
from datadam.projects.models import Item, Project, ProjectMembership
from datadam.quality.models import Consensus
from datadam.review.models import Review


@dataclass(frozen=True)
class Step:
    at: datetime
    kind: str  # lease, expired, skipped, draft, submit, correction, accept, reject, correct, earning, reversal, …
    text: str
    who: str = ""  # a username; empty on the labeler's own view for anyone but them
    detail: str = ""


def item_history_for_manager(*, actor: User, project_id: int, item_id: int) -> tuple[Item, list[Step]]:
    """Every step of one item of a project the actor manages (NotFound for anything else)."""
    project = project_selectors.project_managed_get(actor=actor, project_id=project_id)
    item = Item.objects.filter(project=project, id=item_id).first()
    if item is None:
        raise NotFound(_("No such item."))
    assignments = list(Assignment.objects.filter(item=item).select_related("worker"))
    return item, _timeline(project, item, assignments, viewer=None)


def item_history_for_labeler(*, actor: User, project_id: int, assignment_id: int) -> tuple[Item, list[Step]]:
    """The labeler's own path on one item they took (their assignment; NotFound for anyone else's)."""
    mine = access.scope_to_members(
        Assignment.objects.filter(project_id=project_id, id=assignment_id, worker=actor),
        actor,
        role=ProjectMembership.Role.LABELER,
    ).select_related("worker", "item", "project")
    assignment = mine.first()
    if assignment is None:
        raise NotFound(_("No such item."))
    return assignment.item, _timeline(assignment.project, assignment.item, [assignment], viewer=actor)


def my_items(*, actor: User, project_id: int, limit: int = 200) -> list[Assignment]:
    """The items the labeler sent in on one project, newest first, with where each stands."""
    return list(
        access.scope_to_members(
            Assignment.objects.filter(project_id=project_id, worker=actor, was_submitted=True),
            actor,
            role=ProjectMembership.Role.LABELER,
        )
        .select_related("item")
        .order_by("-finished_at", "-id")[:limit]
    )


def _timeline(project: Project, item: Item, assignments: list[Assignment], viewer: User | None) -> list[Step]:
    annotations = list(
        Annotation.objects.filter(assignment__in=assignments).select_related("author").order_by("version")
    )
    steps = [step for assignment in assignments for step in _lease_steps(assignment, viewer)]
    steps += [_submit_step(annotation, viewer) for annotation in annotations]
    reviews = Review.objects.filter(annotation__in=annotations).select_related("reviewer", "annotation")
    names = {stage.position: stage.name for stage in stages.stage_list(project)}
    steps += [_verdict_step(review, viewer, names if len(names) > 1 else {}) for review in reviews]
    worker_id = viewer.id if viewer else None
    for row in pay_selectors.ledger_for_work(annotation_ids=[a.id for a in annotations], worker_id=worker_id):
        steps.append(_pay_step(row, viewer))
    consensus = Consensus.objects.filter(item=item).first()
    if consensus is not None:
        text = _("Combined answer of %(n)d workers (%(method)s, confidence %(confidence)d%%)") % {
            "n": consensus.workers,
            "method": consensus.method,
            "confidence": round(consensus.confidence * 100),
        }
        steps.append(Step(consensus.updated_at, "consensus", text))
    return sorted(steps, key=lambda step: step.at)


def _name(user: User, viewer: User | None) -> str:
    """A name on the manager's view; on a labeler's own view, only their own."""
    if viewer is None or user.id == viewer.id:
        return user.username
    return ""


def _lease_steps(assignment: Assignment, viewer: User | None) -> list[Step]:
    who = _name(assignment.worker, viewer)
    steps = [Step(assignment.leased_at, "lease", _("Taken for labeling"), who)]
    if assignment.draft_saved_at:
        steps.append(Step(assignment.draft_saved_at, "draft", _("Draft saved"), who))
    ended = {
        Assignment.Status.EXPIRED: ("expired", _("The lease ran out")),
        Assignment.Status.SKIPPED: ("skipped", _("Skipped")),
    }.get(assignment.status)
    if ended and assignment.finished_at:
        steps.append(Step(assignment.finished_at, ended[0], ended[1], who))
    return steps


def _submit_step(annotation: Annotation, viewer: User | None) -> Step:
    if annotation.author_id != annotation.assignment.worker_id:
        text = _("Version %(version)d: a reviewer's correction") % {"version": annotation.version}
        return Step(annotation.created_at, "correction", text, _name(annotation.author, viewer))
    text = _("Version %(version)d sent in") % {"version": annotation.version}
    return Step(annotation.created_at, "submit", text, _name(annotation.author, viewer))


def _verdict_step(review: Review, viewer: User | None, stage_names: dict[int, str]) -> Step:
    """A verdict; with several stages, the stage's name first; an overturned acceptance says so."""
    texts = {
        Review.Verdict.ACCEPT: _("Version %(version)d accepted"),
        Review.Verdict.REJECT: _("Version %(version)d sent back for rework"),
        Review.Verdict.CORRECT: _("Version %(version)d corrected by a reviewer"),
    }
    text = texts[review.verdict] % {"version": review.annotation.version}
    if review.stage in stage_names:
        text = f"{stage_names[review.stage]}: {text}"
    parts = [review.reason, review.comment]
    if review.is_overturned:
        parts.insert(0, _("Overturned by a later stage"))
    detail = " — ".join(part for part in parts if part)
    kind = "overturned" if review.is_overturned else review.verdict
    return Step(review.created_at, kind, text, _name(review.reviewer, viewer), detail)


def _pay_step(row: dict, viewer: User | None) -> Step:
    amount = f"{row['amount']:,} {row['currency']}"
    if row["kind"] == "reversal":
        text = _("Pay taken back: %(amount)s") % {"amount": amount}
    else:
        text = _("Pay recorded: %(amount)s") % {"amount": amount}
    who = row["worker__username"] if viewer is None else ""
    return Step(row["created_at"], row["kind"], text, who, row["reason"])
