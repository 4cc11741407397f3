"""Writes to the earnings ledger. Called explicitly by the labeling and review services whose events earn money.

Every row is unique per (source, kind, worker), so a retried or concurrent verdict can never pay twice;
the callers also hold the row lock of the work they judge.
"""

from typing import Protocol

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from datadam.accounts.models import Organization, User
from datadam.audit.services import audit_record
from datadam.core.errors import Invalid, NotFound
from datadam.pay import notices, permissions
from datadam.pay.models import LedgerEntry, UnitRate
from datadam.pay.units import payable_units, piece_amount
from datadam.projects import access
from datadam.projects.models import MAX_RATE, Project
from datadam.projects.schema.validate import schema_parse

CORRECTION_SHARE = {Project.CorrectionPay.FULL: 1.0, Project.CorrectionPay.HALF: 0.5, Project.CorrectionPay.NONE: 0.0}
OVERTURN_SHARE = {Project.OverturnPay.REVERSE: 1.0, Project.OverturnPay.HALF: 0.5, Project.OverturnPay.KEEP: 0.0}
MAX_MANUAL_AMOUNT = 100_000_000


class PaidWork(Protocol):
    """A piece of work as labeling hands it to pay (an annotation): pay reads these fields, never the model."""

    id: int
    author_id: int
    project: Project
    result: dict


class Verdict(Protocol):
    """An inspector's verdict as review hands it to pay: pay reads these fields, never review's model."""

    id: int
    reviewer_id: int
    project: Project


def _record_once(
    *, worker_id: int, project: Project, kind: str, amount: int, source_type: str, source_id: int, reason: str = ""
) -> LedgerEntry | None:
    """Insert the row unless this source already has one of this kind for this worker."""
    if amount == 0:
        return None
    existing = LedgerEntry.objects.filter(source_type=source_type, source_id=source_id, kind=kind, worker_id=worker_id)
    if existing.exists():
        return None
    try:
        with transaction.atomic():  # a savepoint: a concurrent twin's insert only undoes this row
            return LedgerEntry.objects.create(
                worker_id=worker_id,
                organization_id=project.organization_id,
                project=project,
                kind=kind,
                amount=amount,
                currency=project.organization.currency,
                source_type=source_type,
                source_id=source_id,
                reason=reason,
            )
    except IntegrityError:
        return None


def ledger_earn_for_annotation(*, annotation: PaidWork, share: float = 1.0) -> LedgerEntry | None:
    """The labeler's earning for one piece of work: the project's rate per item plus its unit rates for what the
    work holds (boxes, audio seconds, characters), times a share for corrections."""
    project = annotation.project
    amount = piece_amount(
        rate_per_item=project.rate_per_item, unit_rates=list(project.unit_rates.all()), result=annotation.result
    )
    return _record_once(
        worker_id=annotation.author_id,
        project=project,
        kind=LedgerEntry.Kind.EARNING,
        amount=round(amount * share),
        source_type=LedgerEntry.Source.ANNOTATION,
        source_id=annotation.id,
    )


def ledger_pay_stipend(*, enrolment) -> LedgerEntry | None:
    """The course's completion stipend, once per enrolment, from the organization that runs the course."""
    course = enrolment.cohort.course
    if not course.stipend:
        return None
    try:
        with transaction.atomic():  # a savepoint: a second completion of the same enrolment only undoes this row
            entry = LedgerEntry.objects.create(
                worker_id=enrolment.user_id,
                organization_id=course.organization_id,
                kind=LedgerEntry.Kind.STIPEND,
                amount=course.stipend,
                currency=course.organization.currency,
                source_type=LedgerEntry.Source.ENROLMENT,
                source_id=enrolment.id,
                reason=course.title_ko,
            )
            notices.payment_notify(entry)
            return entry
    except IntegrityError:
        return None


def ledger_earn_for_review(*, review: Verdict, amount: int | None = None) -> LedgerEntry | None:
    """The inspector's pay for one verdict: `amount` is the pay per verdict of the stage it was given at, as
    review tells it (the project's pay per review when not told)."""
    return _record_once(
        worker_id=review.reviewer_id,
        project=review.project,
        kind=LedgerEntry.Kind.EARNING,
        amount=review.project.rate_per_review if amount is None else amount,
        source_type=LedgerEntry.Source.REVIEW,
        source_id=review.id,
    )


def ledger_overturn_for_annotation(*, annotation: PaidWork, reason: str) -> LedgerEntry | None:
    """Work an earlier inspection stage accepted and a later one sent back: the project's policy says whether
    its pay is taken back in full, in half, or kept. A reversal is a new row with the reason; nothing is edited."""
    share = OVERTURN_SHARE[annotation.project.overturn_pay]
    return ledger_reverse_for_annotation(annotation=annotation, reason=reason, share=share)


def ledger_reverse_for_annotation(*, annotation: PaidWork, reason: str, share: float = 1.0) -> LedgerEntry | None:
    """Take back what a piece of work earned (a `share` of it), when work paid earlier is later rejected."""
    earned = LedgerEntry.objects.filter(
        source_type=LedgerEntry.Source.ANNOTATION,
        source_id=annotation.id,
        kind=LedgerEntry.Kind.EARNING,
    ).first()
    if earned is None:
        return None
    return _record_once(
        worker_id=earned.worker_id,
        project=annotation.project,
        kind=LedgerEntry.Kind.REVERSAL,
        amount=-round(earned.amount * share),
        source_type=LedgerEntry.Source.ANNOTATION,
        source_id=annotation.id,
        reason=reason,
    )


def _works_for(worker: User, organization: Organization) -> bool:
    """A member of one of the organization's projects or its staff, or someone it has paid before."""
    return (
        access.belongs_to_organization(worker, organization.id)
        or LedgerEntry.objects.filter(worker=worker, organization=organization).exists()
    )


def correction_share(project: Project) -> float:
    return CORRECTION_SHARE[project.correction_pay]


@transaction.atomic
def ledger_adjust(
    *,
    actor: User,
    organization: Organization,
    worker: User,
    amount: int,
    reason: str,
    kind: str = LedgerEntry.Kind.ADJUSTMENT,
    project: Project | None = None,
) -> LedgerEntry:
    """A manager's bonus or correction of pay. The reason is required and stays on the statement."""
    if kind not in {LedgerEntry.Kind.ADJUSTMENT, LedgerEntry.Kind.BONUS}:
        raise Invalid(_("Only adjustments and bonuses are entered by hand."))
    if not permissions.can_adjust_pay(actor, organization, project):
        raise NotFound(_("No such organization."))
    reason = (reason or "").strip()
    if not reason:
        raise Invalid(_("Write the reason for this entry; the worker sees it on the statement."))
    if amount == 0 or abs(amount) > MAX_MANUAL_AMOUNT:
        raise Invalid(_("The amount must be a whole number other than 0, up to 100,000,000."))
    if not _works_for(worker, organization):
        raise Invalid(_("%(name)s does not work in this organization's projects.") % {"name": worker.username})
    entry = LedgerEntry.objects.create(
        worker=worker,
        organization=organization,
        project=project,
        kind=kind,
        amount=amount,
        currency=organization.currency,
        source_type=LedgerEntry.Source.MANUAL,
        reason=reason[:300],
        created_by=actor,
    )
    audit_record(
        actor=actor,
        action=f"ledger.{kind}",
        target=entry,
        organization_id=organization.id,
        project_id=project.id if project else None,
        detail={"worker": worker.username, "amount": amount},
    )
    notices.payment_notify(entry)
    return entry


@transaction.atomic
def unit_rate_set(*, actor: User, project: Project, control: str, unit: str, rate: int) -> UnitRate | None:
    """Set what one unit of a control's work pays; a rate of 0 removes it. Applies to work paid from now on."""
    if not permissions.can_set_rates(actor, project):
        raise NotFound(_("No such project."))
    found = {entry.name: entry for entry in schema_parse(project.schema).controls}
    if control not in found:
        raise Invalid(_("The project has no control named %(control)s.") % {"control": control})
    if unit not in payable_units(found[control]):
        message = _("A %(kind)s control cannot be paid %(unit)s.")
        raise Invalid(
            message
            % {"kind": found[control].type, "unit": UnitRate.Unit(unit).label if unit in UnitRate.Unit.values else unit}
        )
    if not 0 <= rate <= MAX_RATE:
        raise Invalid(_("A rate is a whole number of won from 0 to %(max)s.") % {"max": f"{MAX_RATE:,}"})
    UnitRate.objects.filter(project=project, control=control, unit=unit).delete()
    saved = UnitRate.objects.create(project=project, control=control, unit=unit, rate=rate) if rate else None
    detail = {"control": control, "unit": unit, "rate": rate}
    audit_record(
        actor=actor,
        action="unit_rate.set",
        target=project,
        organization_id=project.organization_id,
        project_id=project.id,
        detail=detail,
    )
    return saved
