"""Sampling inspection as a review policy (ISO 2859-1 single sampling, tables in `sampling.py`).

A worker's first answers form lots of the policy's lot size, in the order they were sent. From each lot a
random sample of the plan's size goes to the reviewers; the rest waits. When the sample's defects (work sent
back or corrected) reach Re the lot is rejected and all of it goes to review; when the whole sample is
inspected with at most Ac defects the lot is accepted, and its uninspected work becomes "accepted by
sampling" and is paid then. Each lot's result moves the worker along the switching rules.
Reworked versions (after a rejection) are always reviewed.

Every inspection stage may sample (`projects.stages`): the first when the quality policy says so, a later one
when its mode does. A later stage cuts its lots from the work waiting there, per labeler or per reviewer of the
stage before; a rejected lot at a stage sends all of that lot to full inspection at that stage.
"""

import random

from django.db import transaction
from django.db.models import Count, F, Q
from django.utils import timezone

from datadam.assist import runs as assist_runs
from datadam.audit.services import audit_record_project
from datadam.labeling.models import Annotation
from datadam.pay import services as pay
from datadam.projects import stages
from datadam.projects.models import InspectionStage, Project
from datadam.quality import sampling
from datadam.quality.models import Lot, LotMember, QualityPolicy, SamplingState


def _policy(project: Project, stage: int = 1) -> QualityPolicy | None:
    """The sampling plan's settings when the stage samples, else None. The first stage samples when the quality
    policy says so; a later stage when its own mode does, with the policy's plan (or the defaults)."""
    policy = QualityPolicy.objects.filter(project=project).first()
    if stage == 1:
        return policy if policy and policy.inspection == QualityPolicy.Inspection.SAMPLING else None
    found = stages.stage_get(project, stage)
    if found is None or found.mode != InspectionStage.Mode.SAMPLING:
        return None
    return policy or QualityPolicy(project=project)


def _members(stage: int):
    return LotMember.objects.filter(stage=stage)


def review_queue_filter(project: Project, stage: int = 1) -> Q | None:
    """The review queue's extra condition for one stage under sampling inspection (None when everything is
    inspected): sampled work, work of a rejected lot, and rework (never lotted)."""
    if _policy(project, stage) is None:
        return None
    shown = _members(stage).filter(Q(sampled=True) | Q(lot__status=Lot.Status.REJECTED))
    return Q(id__in=shown.values("annotation_id")) | (
        ~Q(id__in=_members(stage).values("annotation_id")) & Q(version__gt=1)
    )


def _unlotted(project: Project, stage: int):
    """First versions waiting at the stage that no lot of the stage holds yet."""
    return Annotation.objects.filter(
        project=project, version=1, stage=stage, status=Annotation.Status.SUBMITTED
    ).exclude(id__in=_members(stage).values("annotation_id"))


def _with_owner(queryset, stage: int, lot_by: str):
    """Annotate each annotation with its lot's owner: its labeler, or the earlier stage's accepting reviewer."""
    if stage > 1 and lot_by == InspectionStage.LotBy.REVIEWER:
        # One verdict per stage per version: the join finds exactly the one acceptance at the stage before.
        accepted = queryset.filter(reviews__stage=stage - 1, reviews__verdict="accept")
        return accepted.annotate(owner_id=F("reviews__reviewer_id"))
    return queryset.annotate(owner_id=F("author_id"))


def lots_form(*, project: Project, flush: bool = False, stage: int = 1) -> list[Lot]:
    """Cut full lots from the first answers waiting at the stage and not yet in one of its lots, one owner at a
    time; with `flush`, also the remainders (at least 2 items), e.g. at the end of a period. Returns the new lots."""
    policy = _policy(project, stage)
    if policy is None:
        return []
    found = stages.stage_get(project, stage)
    lot_by = found.lot_by if found else InspectionStage.LotBy.LABELER
    waiting = (
        _with_owner(_unlotted(project, stage), stage, lot_by).values("owner_id").annotate(n=Count("id")).order_by()
    )
    lots = []
    for row in waiting:
        count = row["n"]
        while row["owner_id"] and (count >= policy.lot_size or (flush and count >= 2)):
            size = min(count, policy.lot_size)
            lots.append(_lot_cut(project, stage, lot_by, row["owner_id"], size, policy))
            count -= size
    return lots


@transaction.atomic
def _lot_cut(project: Project, stage: int, lot_by: str, owner_id: int, size: int, policy: QualityPolicy) -> Lot:
    state, _created = SamplingState.objects.select_for_update().get_or_create(
        project=project, worker_id=owner_id, stage=stage
    )
    plan = sampling.plan_for(size, policy.aql, policy.inspection_level, state.severity)
    ids = list(
        _with_owner(_unlotted(project, stage), stage, lot_by)
        .filter(owner_id=owner_id)
        .order_by("id")
        .values_list("id", flat=True)[:size]
    )
    lot = Lot.objects.create(
        project=project,
        stage=stage,
        worker_id=owner_id,
        size=len(ids),
        severity=plan.severity,
        letter=plan.letter,
        sample_size=min(plan.sample_size, len(ids)),
        accept_number=plan.accept,
        reject_number=plan.reject,
    )
    chosen = set(random.sample(ids, lot.sample_size))  # noqa: S311 - an inspection sample, not a secret
    LotMember.objects.bulk_create(LotMember(lot=lot, annotation_id=i, stage=stage, sampled=i in chosen) for i in ids)
    audit_record_project(
        actor=None,
        action="lot.create",
        target=lot,
        project=project,
        detail={"size": lot.size, "n": lot.sample_size, "stage": stage},
    )
    return lot


def lot_record_verdict(*, annotation: Annotation, stage: int = 1) -> Lot | None:
    """Called by the review services inside the verdict's transaction. Decides the stage's lot when its sample
    is done or Re is reached. Returns the lot when it was decided now."""
    member = LotMember.objects.filter(annotation=annotation, stage=stage).select_related("lot").first()
    if member is None:
        return None
    member.outcome = LotMember.Outcome.INSPECTED
    member.save(update_fields=["outcome"])
    lot = Lot.objects.select_for_update().get(id=member.lot_id)
    if lot.status != Lot.Status.OPEN:
        return None
    sampled = LotMember.objects.filter(lot=lot, sampled=True)
    inspected = sampled.filter(outcome=LotMember.Outcome.INSPECTED).count()
    defects = sampled.filter(
        annotation__reviews__stage=lot.stage, annotation__reviews__verdict__in=["reject", "correct"]
    ).count()
    plan = sampling.Plan(lot.letter, lot.sample_size, lot.accept_number, lot.reject_number, lot.severity)
    verdict = plan.verdict(defects, inspected)
    if verdict is None:
        return None
    lot.status = Lot.Status.ACCEPTED if verdict == "accept" else Lot.Status.REJECTED
    lot.decided_at = timezone.now()
    lot.save(update_fields=["status", "decided_at"])
    if lot.status == Lot.Status.ACCEPTED:
        _accept_rest(lot)
    _switch(lot)
    audit_record_project(actor=None, action=f"lot.{verdict}", target=lot, project=lot.project)
    return lot


def _accept_rest(lot: Lot) -> None:
    """The lot's uninspected work passes the lot's stage: on to the next stage, or accepted after the last."""
    rest = LotMember.objects.filter(lot=lot, sampled=False, outcome=LotMember.Outcome.WAITING)
    ids = list(rest.values_list("annotation_id", flat=True))
    rest.update(outcome=LotMember.Outcome.BY_SAMPLING)
    waiting = Annotation.objects.filter(id__in=ids, status=Annotation.Status.SUBMITTED, stage=lot.stage)
    if lot.stage < stages.stage_count(lot.project):
        waiting.update(stage=lot.stage + 1, claimed_by=None, claim_expires_at=None)
    else:
        waiting.update(status=Annotation.Status.ACCEPTED, claimed_by=None, claim_expires_at=None)
        assist_runs.assist_labels_accepted(project_id=lot.project_id)
    if lot.project.pay_on == Project.PayOn.ACCEPT:  # paid once, when work first passes a stage
        for annotation in Annotation.objects.filter(id__in=ids).select_related("project__organization"):
            pay.ledger_earn_for_annotation(annotation=annotation)


def _switch(lot: Lot) -> None:
    state = SamplingState.objects.select_for_update().get(project=lot.project, worker_id=lot.worker_id, stage=lot.stage)
    history = [*state.history, lot.status == Lot.Status.ACCEPTED]
    severity = sampling.next_severity(state.severity, history)
    state.history = history if severity == state.severity else []
    state.severity = severity
    state.save(update_fields=["history", "severity"])
