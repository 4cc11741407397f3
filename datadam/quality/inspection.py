"""Sampling inspection as a review policy (ISO 2859-1 single sampling, tables in `sampling.py`).

A worker's first answers form lots of the policy's lot size, in the order they were sent. From each lot a
random sample of the plan's size goes to the reviewers; the rest waits. When the sample's defects (work sent
back or corrected) reach Re the lot is rejected and all of it goes to review; when the whole sample is
inspected with at most Ac defects the lot is accepted, and its uninspected work becomes "accepted by
sampling" and is paid then. Each lot's result moves the worker along the switching rules.
Reworked versions (after a rejection) are always reviewed.
"""

import random

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from datadam.assist import runs as assist_runs
from datadam.audit.services import audit_record_project
from datadam.labeling.models import Annotation
from datadam.pay import services as pay
from datadam.projects.models import Project
from datadam.quality import sampling
from datadam.quality.models import Lot, LotMember, QualityPolicy, SamplingState


def _policy(project: Project) -> QualityPolicy | None:
    policy = QualityPolicy.objects.filter(project=project).first()
    return policy if policy and policy.inspection == QualityPolicy.Inspection.SAMPLING else None


def review_queue_filter(project: Project) -> Q | None:
    """The review queue's extra condition under sampling inspection (None when everything is inspected)."""
    if _policy(project) is None:
        return None
    return (
        Q(lot_member__sampled=True)
        | Q(lot_member__lot__status=Lot.Status.REJECTED)
        | Q(lot_member__isnull=True, version__gt=1)
    )


def lots_form(*, project: Project, flush: bool = False) -> list[Lot]:
    """Cut full lots from each worker's first answers not yet in a lot; with `flush`, also the remainders
    (at least 2 items), e.g. at the end of a period. Returns the new lots."""
    policy = _policy(project)
    if policy is None:
        return []
    waiting = (
        Annotation.objects.filter(project=project, version=1, status=Annotation.Status.SUBMITTED, lot_member=None)
        .values("author_id")
        .annotate(n=Count("id"))
    )
    lots = []
    for row in waiting:
        count = row["n"]
        while count >= policy.lot_size or (flush and count >= 2):
            size = min(count, policy.lot_size)
            lots.append(_lot_cut(project, row["author_id"], size, policy))
            count -= size
    return lots


@transaction.atomic
def _lot_cut(project: Project, worker_id: int, size: int, policy: QualityPolicy) -> Lot:
    state, _created = SamplingState.objects.select_for_update().get_or_create(project=project, worker_id=worker_id)
    plan = sampling.plan_for(size, policy.aql, policy.inspection_level, state.severity)
    ids = list(
        Annotation.objects.filter(
            project=project, author_id=worker_id, version=1, status=Annotation.Status.SUBMITTED, lot_member=None
        )
        .order_by("id")
        .values_list("id", flat=True)[:size]
    )
    lot = Lot.objects.create(
        project=project,
        worker_id=worker_id,
        size=len(ids),
        severity=plan.severity,
        letter=plan.letter,
        sample_size=min(plan.sample_size, len(ids)),
        accept_number=plan.accept,
        reject_number=plan.reject,
    )
    chosen = set(random.sample(ids, lot.sample_size))  # noqa: S311 - an inspection sample, not a secret
    LotMember.objects.bulk_create(LotMember(lot=lot, annotation_id=i, sampled=i in chosen) for i in ids)
    audit_record_project(
        actor=None, action="lot.create", target=lot, project=project, detail={"size": lot.size, "n": lot.sample_size}
    )
    return lot


def lot_record_verdict(*, annotation: Annotation) -> Lot | None:
    """Called by the review services inside the verdict's transaction. Decides the lot when its sample is done
    or Re is reached. Returns the lot when it was decided now."""
    member = LotMember.objects.filter(annotation=annotation).select_related("lot").first()
    if member is None:
        return None
    member.outcome = LotMember.Outcome.INSPECTED
    member.save(update_fields=["outcome"])
    lot = Lot.objects.select_for_update().get(id=member.lot_id)
    if lot.status != Lot.Status.OPEN:
        return None
    sampled = LotMember.objects.filter(lot=lot, sampled=True)
    inspected = sampled.filter(outcome=LotMember.Outcome.INSPECTED).count()
    defects = sampled.filter(annotation__review__verdict__in=["reject", "correct"]).count()
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
    rest = LotMember.objects.filter(lot=lot, sampled=False, outcome=LotMember.Outcome.WAITING)
    ids = list(rest.values_list("annotation_id", flat=True))
    rest.update(outcome=LotMember.Outcome.BY_SAMPLING)
    Annotation.objects.filter(id__in=ids, status=Annotation.Status.SUBMITTED).update(status=Annotation.Status.ACCEPTED)
    if lot.project.pay_on == Project.PayOn.ACCEPT:
        for annotation in Annotation.objects.filter(id__in=ids).select_related("project__organization"):
            pay.ledger_earn_for_annotation(annotation=annotation)
    assist_runs.assist_labels_accepted(project_id=lot.project_id)


def _switch(lot: Lot) -> None:
    state = SamplingState.objects.select_for_update().get(project=lot.project, worker_id=lot.worker_id)
    history = [*state.history, lot.status == Lot.Status.ACCEPTED]
    severity = sampling.next_severity(state.severity, history)
    state.history = history if severity == state.severity else []
    state.severity = severity
    state.save(update_fields=["history", "severity"])
