"""Review (검수): an inspector claims submitted work waiting at a stage they hold and accepts it, sends it back
with a reason, or corrects it.

Work passes the project's chain of stages (`projects.stages`) in order: an acceptance moves it to the next
stage, and only the last stage's acceptance makes it accepted. A later stage that sends the work back or
corrects it marks the earlier acceptances overturned (they stay, pointing at that verdict), and the
labeler's pay follows the project's policy. Rework starts the chain again from the first stage.

Every effect of a verdict is called from the verdict's own function, so one read shows them all. The
annotation's row lock orders verdicts: a later stage's verdict waits for the earlier one.
"""

from datetime import timedelta

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from datadam.accounts.models import User
from datadam.assist import runs as assist_runs
from datadam.audit.services import audit_record_project
from datadam.core.errors import Conflict, Invalid, NotFound, PermissionDenied
from datadam.core.text import unstorable_reason
from datadam.labeling.models import Annotation, Assignment
from datadam.labeling.services import active_seconds_capped
from datadam.notifications import services as notifications
from datadam.notifications.models import Notification
from datadam.pay import services as pay
from datadam.projects import permissions as project_permissions
from datadam.projects import stages, withheld
from datadam.projects.models import Project
from datadam.projects.schema.validate import annotation_validate, schema_parse
from datadam.projects.selectors import project_list
from datadam.quality import inspection, reviewers
from datadam.review import permissions
from datadam.review.models import Review

CLAIM_SECONDS = 600
MAX_COMMENT_CHARS = 2000


def _queue_condition(project: Project, held: list[stages.Stage]) -> Q:
    """Work waiting at one of the held stages; where a stage samples, only what its sampling shows."""
    condition = Q(pk__in=[])
    last = stages.stage_count(project)
    for stage in held:
        # Work left past the last stage by a stage removed at the same moment is judged at the last stage.
        at_stage = Q(stage__gte=stage.position) if stage.position == last else Q(stage=stage.position)
        sampled = inspection.review_queue_filter(project, stage.position)
        condition |= at_stage & sampled if sampled is not None else at_stage
    return condition


def _inspected_at_another_stage(actor: User) -> Exists:
    """The actor already gave a verdict on this labeler's work on the item, at a stage other than its current."""
    return Exists(
        Review.objects.filter(annotation__assignment_id=OuterRef("assignment_id"), reviewer=actor).exclude(
            stage=OuterRef("stage")
        )
    )


def review_claim_next(*, actor: User, project: Project) -> Annotation | None:
    """The inspector's current claim, else a claim on the oldest work waiting at a stage they hold that is not
    their own and that they did not inspect at another stage. A reviewer paused on the project is refused with
    the reason."""
    held = permissions.stages_held(actor, project, stages.stage_list(project))
    if not held:
        raise PermissionDenied(_("Only this project's reviewers can inspect its work."))
    reviewers.reviewer_gate(project=project, reviewer=actor)
    now = timezone.now()
    for stage in held:
        inspection.lots_form(project=project, stage=stage.position)
    positions = [stage.position for stage in held]
    with transaction.atomic():
        waiting = Annotation.objects.filter(project=project, status=Annotation.Status.SUBMITTED)
        waiting = withheld.without_withheld(waiting, via="item")
        current = waiting.filter(stage__in=positions, claimed_by=actor, claim_expires_at__gt=now).first()
        if current:
            return current
        free = Q(claimed_by__isnull=True) | Q(claim_expires_at__lte=now)
        annotation = (
            waiting.filter(_queue_condition(project, held))
            .filter(free)
            .exclude(author=actor)
            .exclude(_inspected_at_another_stage(actor))
            .order_by("id")
            .select_for_update(skip_locked=True, of=("self",))
            .first()
        )
        if annotation is None:
            return None
        annotation.claimed_by, annotation.claim_expires_at = actor, now + timedelta(seconds=CLAIM_SECONDS)
        annotation.save(update_fields=["claimed_by", "claim_expires_at"])
        return annotation


def _lock(actor: User, annotation_id: int) -> Annotation:
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
    withheld.item_check_shown(annotation.item)
    return annotation


def _stage_for(actor: User, annotation: Annotation, stage: int | None) -> stages.Stage:
    """The stage the work waits at, when the actor may give its verdict there now."""
    if annotation.status != Annotation.Status.SUBMITTED or (stage is not None and stage < annotation.stage):
        raise Conflict(_("This work was already reviewed; the first verdict stands."))
    chain = stages.stage_list(annotation.project)
    waits_at = min(annotation.stage, len(chain))  # a stage removed meanwhile: judged at the last
    held = [held.position for held in permissions.stages_held(actor, annotation.project, chain)]
    if (stage is not None and stage > waits_at) or (
        waits_at not in held and any(position > waits_at for position in held)
    ):
        message = _("This work waits for the verdict of inspection stage %(stage)s first.")
        raise Conflict(message % {"stage": waits_at})
    if waits_at not in held:
        raise PermissionDenied(_("You do not inspect at this stage of the project's inspection."))
    others = Review.objects.filter(annotation__assignment_id=annotation.assignment_id, reviewer=actor)
    if others.exclude(stage=waits_at).exists():
        raise PermissionDenied(
            _("You inspected this work at another stage; one person inspects an item at one stage only.")
        )
    return chain[waits_at - 1]


def _lock_for_verdict(
    actor: User, annotation_id: int, verdict: str, stage: int | None
) -> tuple[Annotation, stages.Stage | None, Review | None]:
    """The annotation, locked, and the stage the actor judges it at; refused unless they may judge it now (the
    first verdict wins). A repeated submit of the same verdict at the same stage returns the first verdict."""
    annotation = _lock(actor, annotation_id)
    if stage is not None:
        mine = Review.objects.filter(annotation=annotation, reviewer=actor, stage=stage).first()
        if mine is not None and mine.verdict == verdict:
            return annotation, None, mine
    return annotation, _stage_for(actor, annotation, stage), None


def _close(annotation: Annotation, status: str) -> None:
    annotation.status = status
    annotation.claimed_by, annotation.claim_expires_at = None, None
    annotation.save(update_fields=["status", "claimed_by", "claim_expires_at"])


def _pass(annotation: Annotation, stage: stages.Stage) -> bool:
    """Accepted at `stage`: on to the next stage, or accepted for good after the last. True when accepted."""
    if stage.position < stages.stage_count(annotation.project):
        annotation.stage = stage.position + 1
        annotation.claimed_by, annotation.claim_expires_at = None, None
        annotation.save(update_fields=["stage", "claimed_by", "claim_expires_at"])
        return False
    _close(annotation, Annotation.Status.ACCEPTED)
    return True


def _clean_text(value: str, label: str) -> str:
    value = (value or "").strip()
    if reason := unstorable_reason(value):
        raise Invalid(f"{label}: {reason}")
    if len(value) > MAX_COMMENT_CHARS:
        raise Invalid(_("The %(field)s is too long.") % {"field": label})
    return value


def _record_verdict(
    annotation: Annotation, actor: User, verdict: str, active_seconds: int, stage: stages.Stage, **fields
) -> Review:
    """The Review row at its stage, with the reviewer's active time capped by how long they held the claim."""
    now = timezone.now()
    claimed_at = (annotation.claim_expires_at or now) - timedelta(seconds=CLAIM_SECONDS)
    return Review.objects.create(
        annotation=annotation,
        project=annotation.project,
        reviewer=actor,
        stage=stage.position,
        verdict=verdict,
        active_seconds=active_seconds_capped(active_seconds, claimed_at, now),
        **fields,
    )


def _overturn_earlier(annotation: Annotation, review: Review) -> int:
    """Mark the earlier stages' acceptances of this version overturned by `review` (kept, never deleted)."""
    earlier = Review.objects.filter(
        annotation=annotation, stage__lt=review.stage, verdict=Review.Verdict.ACCEPT, overturned_by__isnull=True
    )
    return earlier.update(overturned_by=review)


def _audit(actor: User, action: str, annotation: Annotation, review: Review, **detail) -> None:
    audit_record_project(
        actor=actor,
        action=action,
        target=annotation,
        project=annotation.project,
        detail={"stage": review.stage, **detail},
    )


@transaction.atomic
def review_accept(
    *, actor: User, annotation_id: int, comment: str = "", active_seconds: int = 0, stage: int | None = None
) -> Review:
    """Accept work at the stage it waits at (`stage`, when given, is the stage the inspector saw: a repeated
    submit returns the first verdict). Effects: the work moves to the next stage or, after the last, is
    accepted; the labeler earns when the project pays on accept (once, at the first acceptance); the
    inspector earns the stage's pay per verdict."""
    annotation, held, done = _lock_for_verdict(actor, annotation_id, Review.Verdict.ACCEPT, stage)
    if done is not None:
        return done
    comment = _clean_text(comment, _("comment"))
    review = _record_verdict(annotation, actor, Review.Verdict.ACCEPT, active_seconds, held, comment=comment)
    accepted = _pass(annotation, held)
    inspection.lot_record_verdict(annotation=annotation, stage=held.position)
    if annotation.project.pay_on == Project.PayOn.ACCEPT:
        pay.ledger_earn_for_annotation(annotation=annotation)
    pay.ledger_earn_for_review(review=review, amount=held.rate_per_review)
    if accepted:
        assist_runs.assist_labels_accepted(project_id=annotation.project_id)  # retrains every N accepted labels
    _audit(actor, "review.accept", annotation, review)
    return review


@transaction.atomic
def review_reject(
    *,
    actor: User,
    annotation_id: int,
    reason: str = "",
    comment: str = "",
    active_seconds: int = 0,
    stage: int | None = None,
) -> Review:
    """Send work back: it returns first in its labeler's queue, with the reason shown, and its rework starts the
    chain again from the first stage.

    Effects: earlier stages' acceptances are marked overturned, and what the work earned is taken back by the
    project's policy for overturned work (in full when no stage had accepted it); the inspector earns per verdict.
    """
    reason, comment = _clean_text(reason, _("reason")), _clean_text(comment, _("comment"))
    annotation, held, done = _lock_for_verdict(actor, annotation_id, Review.Verdict.REJECT, stage)
    if done is not None:
        return done
    if reason and reason not in held.reasons:
        raise Invalid(_("Pick a reason from the list, or write your own in the comment."))
    if not reason and not comment:
        raise Invalid(_("Say why the work is sent back: pick a reason or write a comment."))
    review = _record_verdict(
        annotation, actor, Review.Verdict.REJECT, active_seconds, held, reason=reason, comment=comment
    )
    _close(annotation, Annotation.Status.REJECTED)
    inspection.lot_record_verdict(annotation=annotation, stage=held.position)
    Assignment.objects.filter(id=annotation.assignment_id).update(
        status=Assignment.Status.REWORK, finished_at=timezone.now(), draft=None
    )
    if _overturn_earlier(annotation, review):
        pay.ledger_overturn_for_annotation(annotation=annotation, reason=reason or comment)
    else:
        pay.ledger_reverse_for_annotation(annotation=annotation, reason=reason or comment)
    pay.ledger_earn_for_review(review=review, amount=held.rate_per_review)
    _audit(actor, "review.reject", annotation, review, reason=reason)
    notifications.notification_send(
        user=annotation.author,
        kind=Notification.Kind.REJECTION,
        params={"project": annotation.project.name, "reason": " — ".join(filter(None, [reason, comment]))},
        url=reverse("labeling:start", args=[annotation.project_id]),
    )
    return review


@transaction.atomic
def review_correct(
    *,
    actor: User,
    annotation_id: int,
    result: object,
    comment: str = "",
    active_seconds: int = 0,
    stage: int | None = None,
) -> Review:
    """The inspector's fix becomes a new version by the inspector, which goes on to the next stage (or, at the
    last, is accepted); the labeler's original stays.

    Effects: earlier stages' acceptances are marked overturned; the labeler earns the project's correction
    share (or, paid on submit with no share, the earning is reversed); the inspector earns per verdict.
    """
    annotation, held, done = _lock_for_verdict(actor, annotation_id, Review.Verdict.CORRECT, stage)
    if done is not None:
        return done
    item_data = annotation.item.data if annotation.item_id else {}
    annotation_validate(schema_parse(annotation.project.schema), result, item_data, project_id=annotation.project_id)
    comment = _clean_text(comment, _("comment"))
    correction = _correction_create(annotation, actor, result, held)
    review = _record_verdict(
        annotation, actor, Review.Verdict.CORRECT, active_seconds, held, comment=comment, correction=correction
    )
    _close(annotation, Annotation.Status.CORRECTED)
    _overturn_earlier(annotation, review)
    inspection.lot_record_verdict(annotation=annotation, stage=held.position)
    _pay_labeler_for_corrected(annotation)
    pay.ledger_earn_for_review(review=review, amount=held.rate_per_review)
    if correction.status == Annotation.Status.ACCEPTED:
        assist_runs.assist_labels_accepted(project_id=annotation.project_id)
    _audit(actor, "review.correct", annotation, review, correction=correction.id)
    return review


def _correction_create(annotation: Annotation, actor: User, result: object, stage: stages.Stage) -> Annotation:
    """The corrected version, by the inspector: accepted at the last stage, else waiting at the next."""
    last_version = annotation.assignment.annotations.order_by("-version").values_list("version", flat=True).first()
    last = stage.position >= stages.stage_count(annotation.project)
    return Annotation.objects.create(
        assignment=annotation.assignment,
        project=annotation.project,
        item_id=annotation.item_id,
        author=actor,
        version=last_version + 1,
        result=result,
        status=Annotation.Status.ACCEPTED if last else Annotation.Status.SUBMITTED,
        stage=stage.position if last else stage.position + 1,
    )


def _pay_labeler_for_corrected(annotation: Annotation) -> None:
    share = pay.correction_share(annotation.project)
    if annotation.project.pay_on == Project.PayOn.ACCEPT:
        pay.ledger_earn_for_annotation(annotation=annotation, share=share)
    elif share == 0:
        pay.ledger_reverse_for_annotation(annotation=annotation, reason="corrected by a reviewer")
