"""Review (검수): a reviewer claims submitted work and accepts it, sends it back with a reason, or corrects it.

Every effect of a verdict is called from the verdict's own function, so one read shows them all.
(Pay and quality figures will hook in here as explicit calls when those parts exist.)
"""

from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from datadam.accounts.models import User
from datadam.assist import runs as assist_runs
from datadam.audit.services import audit_record_project
from datadam.core.errors import Conflict, Invalid, NotFound, PermissionDenied
from datadam.core.text import unstorable_reason
from datadam.labeling.models import Annotation, Assignment
from datadam.labeling.services import active_seconds_capped
from datadam.pay import services as pay
from datadam.projects import permissions as project_permissions
from datadam.projects.models import Project
from datadam.projects.schema.validate import annotation_validate, schema_parse
from datadam.projects.selectors import project_list
from datadam.quality import inspection
from datadam.review import permissions
from datadam.review.models import Review

CLAIM_SECONDS = 600
MAX_COMMENT_CHARS = 2000


def review_claim_next(*, actor: User, project: Project) -> Annotation | None:
    """The reviewer's current claim, else a claim on the oldest submitted work that is not their own."""
    if not project_permissions.can_review(actor, project):
        raise PermissionDenied(_("Only this project's reviewers can inspect its work."))
    now = timezone.now()
    inspection.lots_form(project=project)
    with transaction.atomic():
        current = Annotation.objects.filter(
            project=project, status=Annotation.Status.SUBMITTED, claimed_by=actor, claim_expires_at__gt=now
        ).first()
        if current:
            return current
        free = Q(claimed_by__isnull=True) | Q(claim_expires_at__lte=now)
        queue = Annotation.objects.filter(project=project, status=Annotation.Status.SUBMITTED)
        sampled = inspection.review_queue_filter(project)  # sampling inspection: only sampled work is shown
        if sampled is not None:
            queue = queue.filter(sampled)
        annotation = (
            queue.filter(free)
            .exclude(author=actor)
            .order_by("id")
            .select_for_update(skip_locked=True, of=("self",))
            .first()
        )
        if annotation is None:
            return None
        annotation.claimed_by, annotation.claim_expires_at = actor, now + timedelta(seconds=CLAIM_SECONDS)
        annotation.save(update_fields=["claimed_by", "claim_expires_at"])
        return annotation


def _lock_for_verdict(actor: User, annotation_id: int) -> Annotation:
    """The annotation, locked; refused unless the actor may review it now (the first verdict wins)."""
    annotation = (
        Annotation.objects.select_for_update(of=("self",))
        .select_related("project", "assignment")
        .filter(id=annotation_id, project__in=project_list(actor=actor))
        .first()
    )
    if annotation is None:
        raise NotFound(_("No such work to review."))
    if not project_permissions.can_review(actor, annotation.project):
        raise PermissionDenied(_("Only this project's reviewers can inspect its work."))
    if permissions.is_own_work(actor, annotation):
        raise PermissionDenied(_("You cannot review your own work."))
    if annotation.status != Annotation.Status.SUBMITTED:
        raise Conflict(_("This work was already reviewed; the first verdict stands."))
    return annotation


def _close(annotation: Annotation, status: str) -> None:
    annotation.status = status
    annotation.claimed_by, annotation.claim_expires_at = None, None
    annotation.save(update_fields=["status", "claimed_by", "claim_expires_at"])


def _clean_text(value: str, label: str) -> str:
    value = (value or "").strip()
    if reason := unstorable_reason(value):
        raise Invalid(f"{label}: {reason}")
    if len(value) > MAX_COMMENT_CHARS:
        raise Invalid(_("The %(field)s is too long.") % {"field": label})
    return value


def _record_verdict(annotation: Annotation, actor: User, verdict: str, active_seconds: int, **fields) -> Review:
    """The Review row, with the reviewer's active time capped by how long they held the claim."""
    now = timezone.now()
    claimed_at = (annotation.claim_expires_at or now) - timedelta(seconds=CLAIM_SECONDS)
    return Review.objects.create(
        annotation=annotation,
        project=annotation.project,
        reviewer=actor,
        verdict=verdict,
        active_seconds=active_seconds_capped(active_seconds, claimed_at, now),
        **fields,
    )


@transaction.atomic
def review_accept(*, actor: User, annotation_id: int, comment: str = "", active_seconds: int = 0) -> Review:
    """Accept work. Effects: the labeler earns (when the project pays on accept); the reviewer earns per review."""
    annotation = _lock_for_verdict(actor, annotation_id)
    comment = _clean_text(comment, _("comment"))
    review = _record_verdict(annotation, actor, Review.Verdict.ACCEPT, active_seconds, comment=comment)
    _close(annotation, Annotation.Status.ACCEPTED)
    inspection.lot_record_verdict(annotation=annotation)
    if annotation.project.pay_on == Project.PayOn.ACCEPT:
        pay.ledger_earn_for_annotation(annotation=annotation)
    pay.ledger_earn_for_review(review=review)
    assist_runs.assist_labels_accepted(project_id=annotation.project_id)  # retrains every N accepted labels
    audit_record_project(actor=actor, action="review.accept", target=annotation, project=annotation.project)
    return review


@transaction.atomic
def review_reject(
    *, actor: User, annotation_id: int, reason: str = "", comment: str = "", active_seconds: int = 0
) -> Review:
    """Send work back: it returns first in its labeler's queue, with the reason shown.

    Effects: work already paid on submit is reversed (its rework earns again); the reviewer earns per review.
    """
    reason, comment = _clean_text(reason, _("reason")), _clean_text(comment, _("comment"))
    annotation = _lock_for_verdict(actor, annotation_id)
    if reason and reason not in annotation.project.reject_reasons:
        raise Invalid(_("Pick a reason from the list, or write your own in the comment."))
    if not reason and not comment:
        raise Invalid(_("Say why the work is sent back: pick a reason or write a comment."))
    review = _record_verdict(annotation, actor, Review.Verdict.REJECT, active_seconds, reason=reason, comment=comment)
    _close(annotation, Annotation.Status.REJECTED)
    inspection.lot_record_verdict(annotation=annotation)
    Assignment.objects.filter(id=annotation.assignment_id).update(
        status=Assignment.Status.REWORK, finished_at=timezone.now(), draft=None
    )
    pay.ledger_reverse_for_annotation(annotation=annotation, reason=reason or comment)
    pay.ledger_earn_for_review(review=review)
    audit_record_project(
        actor=actor, action="review.reject", target=annotation, project=annotation.project, detail={"reason": reason}
    )
    return review


@transaction.atomic
def review_correct(
    *, actor: User, annotation_id: int, result: object, comment: str = "", active_seconds: int = 0
) -> Review:
    """The reviewer's fix becomes a new, accepted version by the reviewer; the labeler's original stays.

    Effects: the labeler earns the project's correction share (or, paid on submit with no share, the
    earning is reversed); the reviewer earns per review.
    """
    annotation = _lock_for_verdict(actor, annotation_id)
    item_data = annotation.item.data if annotation.item_id else {}
    annotation_validate(schema_parse(annotation.project.schema), result, item_data, project_id=annotation.project_id)
    last_version = annotation.assignment.annotations.order_by("-version").values_list("version", flat=True).first()
    correction = Annotation.objects.create(
        assignment=annotation.assignment,
        project=annotation.project,
        item_id=annotation.item_id,
        author=actor,
        version=last_version + 1,
        result=result,
        status=Annotation.Status.ACCEPTED,
    )
    comment = _clean_text(comment, _("comment"))
    review = _record_verdict(
        annotation, actor, Review.Verdict.CORRECT, active_seconds, comment=comment, correction=correction
    )
    _close(annotation, Annotation.Status.CORRECTED)
    inspection.lot_record_verdict(annotation=annotation)
    _pay_labeler_for_corrected(annotation)
    pay.ledger_earn_for_review(review=review)
    assist_runs.assist_labels_accepted(project_id=annotation.project_id)
    audit_record_project(
        actor=actor,
        action="review.correct",
        target=annotation,
        project=annotation.project,
        detail={"correction": correction.id},
    )
    return review


def _pay_labeler_for_corrected(annotation: Annotation) -> None:
    share = pay.correction_share(annotation.project)
    if annotation.project.pay_on == Project.PayOn.ACCEPT:
        pay.ledger_earn_for_annotation(annotation=annotation, share=share)
    elif share == 0:
        pay.ledger_reverse_for_annotation(annotation=annotation, reason="corrected by a reviewer")
