"""Cohorts (기수): creation, applications, seats and the waiting list, selection, cancellation, attendance.

Seats are counted under a lock on the cohort row: PostgreSQL takes it with SELECT … FOR UPDATE, and on SQLite
every transaction begins IMMEDIATE (settings), which already serializes writers. So with 30 seats and 100
people applying at once, exactly 30 are enrolled and 70 wait, in order.
"""

import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from datadam.academy import permissions
from datadam.academy.models import (
    AgreementAcceptance,
    Attendance,
    Certificate,
    Cohort,
    Course,
    Enrolment,
    ParticipationAgreement,
)
from datadam.academy.selectors import SEAT_HOLDING
from datadam.accounts.models import User
from datadam.audit.services import audit_record
from datadam.core.errors import Conflict, Invalid, NotFound, PermissionDenied


def _check_cohort_fields(
    *,
    enrol_opens_at: datetime.datetime,
    enrol_closes_at: datetime.datetime,
    starts_on: datetime.date,
    ends_on: datetime.date,
    seats: int,
    sessions: int,
    required_attendance: int,
    mode: str,
    selection: str,
) -> None:
    if not isinstance(seats, int) or seats < 1:
        raise Invalid(_("A cohort needs at least one seat."))
    if enrol_opens_at >= enrol_closes_at:
        raise Invalid(_("Applications must open before they close."))
    if starts_on > ends_on:
        raise Invalid(_("The cohort must start on or before its end date."))
    if sessions < 0 or required_attendance < 0 or required_attendance > sessions:
        raise Invalid(_("Sessions to attend cannot be more than the classroom sessions."))
    if mode not in Cohort.Mode.values or selection not in Cohort.Selection.values:
        raise Invalid(_("Unknown mode or selection."))


@transaction.atomic
def cohort_create(
    *,
    actor: User,
    course: Course,
    number: int,
    enrol_opens_at: datetime.datetime,
    enrol_closes_at: datetime.datetime,
    starts_on: datetime.date,
    ends_on: datetime.date,
    seats: int,
    mode: str = Cohort.Mode.ONLINE,
    selection: str = Cohort.Selection.FIRST_COME,
    teaching_organization: str = "",
    venue: str = "",
    timetable: str = "",
    sessions: int = 0,
    required_attendance: int = 0,
    eligibility_questions: list[str] | None = None,
    agreement: ParticipationAgreement | None = None,
) -> Cohort:
    if not permissions.is_course_staff(actor, course):
        raise NotFound(_("No such course."))
    _check_cohort_fields(
        enrol_opens_at=enrol_opens_at,
        enrol_closes_at=enrol_closes_at,
        starts_on=starts_on,
        ends_on=ends_on,
        seats=seats,
        sessions=sessions,
        required_attendance=required_attendance,
        mode=mode,
        selection=selection,
    )
    if agreement is not None and agreement.organization_id != course.organization_id:
        raise NotFound(_("No such agreement."))
    if Cohort.objects.filter(course=course, number=number).exists():
        raise Conflict(_("This course already has cohort %(number)s.") % {"number": number})
    cohort = Cohort.objects.create(
        course=course,
        number=number,
        enrol_opens_at=enrol_opens_at,
        enrol_closes_at=enrol_closes_at,
        starts_on=starts_on,
        ends_on=ends_on,
        seats=seats,
        mode=mode,
        selection=selection,
        teaching_organization=teaching_organization,
        venue=venue,
        timetable=timetable,
        sessions=sessions,
        required_attendance=required_attendance,
        eligibility_questions=[q for q in (eligibility_questions or []) if q.strip()],
        agreement=agreement,
    )
    audit_record(actor=actor, action="cohort.create", target=cohort, organization_id=course.organization_id)
    return cohort


def _locked(cohort: Cohort) -> Cohort:
    return Cohort.objects.select_for_update().select_related("course").get(id=cohort.id)


def _seat_or_wait(cohort: Cohort, enrolment: Enrolment) -> None:
    """Give the enrolment a seat if one is free, else the next place on the waiting list. Call under the lock."""
    taken = Enrolment.objects.filter(cohort=cohort, status__in=SEAT_HOLDING).count()
    enrolment.decided_at = timezone.now()
    if taken < cohort.seats:
        enrolment.status, enrolment.waitlist_order = Enrolment.Status.ENROLLED, None
        _tell_on_commit(enrolment, promoted=False)
        return
    last = Enrolment.objects.filter(cohort=cohort).aggregate(last=Max("waitlist_order"))["last"] or 0
    enrolment.status, enrolment.waitlist_order = Enrolment.Status.WAITLISTED, last + 1


def waitlist_position(enrolment: Enrolment) -> int | None:
    """1 for the next person to get a seat; None when not waiting."""
    if enrolment.status != Enrolment.Status.WAITLISTED:
        return None
    ahead = Enrolment.objects.filter(
        cohort_id=enrolment.cohort_id,
        status=Enrolment.Status.WAITLISTED,
        waitlist_order__lt=enrolment.waitlist_order,
    ).count()
    return ahead + 1


@transaction.atomic
def cohort_apply(
    *,
    actor: User,
    cohort: Cohort,
    answers: dict | None = None,
    consent: bool = False,
    agreement_accepted: bool = False,
) -> tuple[Enrolment, bool]:
    """Apply to a cohort. Returns (enrolment, created); applying twice returns the existing enrolment.

    First come, first served: a seat if one is free, else the waiting list. Chosen by review: the application
    waits for the operator. Eligibility answers are kept only with the applicant's consent.
    """
    cohort = _locked(cohort)
    existing = Enrolment.objects.filter(cohort=cohort, user=actor).first()
    if existing is not None and existing.status != Enrolment.Status.CANCELLED:
        return existing, False
    now = timezone.now()
    if not cohort.enrol_opens_at <= now <= cohort.enrol_closes_at:
        raise Invalid(_("Applications for this cohort are not open now."))
    _check_prerequisite(actor, cohort.course)
    if cohort.agreement_id and not agreement_accepted:
        raise Invalid(_("Please read and accept the participation agreement to apply."))
    enrolment = existing or Enrolment(cohort=cohort, user=actor)
    enrolment.answers = _clean_answers(cohort, answers) if consent else {}
    enrolment.answers_consent_at = now if consent and enrolment.answers else None
    enrolment.status, enrolment.waitlist_order, enrolment.decided_at = Enrolment.Status.APPLIED, None, None
    if cohort.selection == Cohort.Selection.FIRST_COME:
        _seat_or_wait(cohort, enrolment)
    try:
        with transaction.atomic():
            enrolment.save()
    except IntegrityError:  # a double click raced past the look-up above; the first row stands
        return Enrolment.objects.get(cohort=cohort, user=actor), False
    if cohort.agreement_id:
        AgreementAcceptance.objects.get_or_create(
            agreement_id=cohort.agreement_id, user=actor, context=f"cohort:{cohort.id}"
        )
    audit_record(
        actor=actor,
        action="enrolment.apply",
        target=enrolment,
        organization_id=cohort.course.organization_id,
        detail={"status": enrolment.status},
    )
    return enrolment, True


def _check_prerequisite(actor: User, course: Course) -> None:
    prerequisite = course.prerequisite
    if prerequisite and not Certificate.objects.filter(user=actor, course=prerequisite).exists():
        raise PermissionDenied(
            _("Finish the course %(course)s first; this course builds on it.") % {"course": prerequisite.title}
        )


def _clean_answers(cohort: Cohort, answers: dict | None) -> dict:
    questions = cohort.eligibility_questions or []
    answers = answers or {}
    return {question: str(answers.get(question, "")).strip()[:1000] for question in questions if answers.get(question)}


@transaction.atomic
def enrolment_select(*, actor: User, enrolment: Enrolment) -> Enrolment:
    """The operator selects an applicant: a seat if one is free, else the waiting list."""
    cohort = _locked(enrolment.cohort)
    if not permissions.is_course_staff(actor, cohort.course):
        raise NotFound(_("No such application."))
    enrolment = Enrolment.objects.get(id=enrolment.id)
    if enrolment.status != Enrolment.Status.APPLIED:
        raise Conflict(_("Only an application that waits for a decision can be selected."))
    _seat_or_wait(cohort, enrolment)
    enrolment.save(update_fields=["status", "waitlist_order", "decided_at"])
    audit_record(
        actor=actor,
        action="enrolment.select",
        target=enrolment,
        organization_id=cohort.course.organization_id,
        detail={"status": enrolment.status},
    )
    return enrolment


@transaction.atomic
def enrolment_cancel(*, actor: User, enrolment: Enrolment) -> Enrolment:
    """The trainee or the operator cancels. A freed seat goes to the first person on the waiting list."""
    cohort = _locked(enrolment.cohort)
    if enrolment.user_id != actor.id and not permissions.is_course_staff(actor, cohort.course):
        raise NotFound(_("No such application."))
    enrolment = Enrolment.objects.get(id=enrolment.id)
    if enrolment.status in (Enrolment.Status.CANCELLED, Enrolment.Status.COMPLETED):
        raise Conflict(_("This application is already %(status)s.") % {"status": enrolment.get_status_display()})
    held_a_seat = enrolment.status == Enrolment.Status.ENROLLED
    enrolment.status, enrolment.waitlist_order, enrolment.decided_at = Enrolment.Status.CANCELLED, None, timezone.now()
    enrolment.save(update_fields=["status", "waitlist_order", "decided_at"])
    organization_id = cohort.course.organization_id
    audit_record(actor=actor, action="enrolment.cancel", target=enrolment, organization_id=organization_id)
    if held_a_seat:
        _promote_next(cohort)
    return enrolment


def _promote_next(cohort: Cohort) -> Enrolment | None:
    taken = Enrolment.objects.filter(cohort=cohort, status__in=SEAT_HOLDING).count()
    if taken >= cohort.seats:
        return None
    waiting = (
        Enrolment.objects.filter(cohort=cohort, status=Enrolment.Status.WAITLISTED).order_by("waitlist_order").first()
    )
    if waiting is None:
        return None
    waiting.status, waiting.waitlist_order, waiting.decided_at = Enrolment.Status.ENROLLED, None, timezone.now()
    waiting.save(update_fields=["status", "waitlist_order", "decided_at"])
    audit_record(actor=None, action="enrolment.promote", target=waiting, organization_id=cohort.course.organization_id)
    _tell_on_commit(waiting, promoted=True)
    return waiting


@transaction.atomic
def enrolment_answers_delete(*, actor: User, enrolment: Enrolment) -> Enrolment:
    """The applicant deletes their eligibility answers (and the consent with them)."""
    if enrolment.user_id != actor.id:
        raise NotFound(_("No such application."))
    Enrolment.objects.filter(id=enrolment.id).update(answers={}, answers_consent_at=None)
    enrolment.refresh_from_db()
    return enrolment


@transaction.atomic
def attendance_record(*, actor: User, enrolment: Enrolment, session: int, present: bool) -> Attendance:
    cohort = enrolment.cohort
    if not permissions.is_course_staff(actor, cohort.course):
        raise NotFound(_("No such application."))
    if not 1 <= session <= cohort.sessions:
        raise Invalid(_("This cohort has sessions 1 to %(count)s.") % {"count": cohort.sessions})
    if enrolment.status not in SEAT_HOLDING:
        raise Conflict(_("Attendance is kept only for enrolled trainees."))
    attendance, _created = Attendance.objects.update_or_create(
        enrolment=enrolment, session=session, defaults={"present": present, "recorded_by": actor}
    )
    return attendance


def _tell_on_commit(enrolment: Enrolment, *, promoted: bool) -> None:
    """Email the person once the seat is committed: in Korean, then in English."""
    user, cohort = enrolment.user, enrolment.cohort
    if not user.email:
        return
    parts = []
    for language in ("ko", "en"):
        with translation.override(language):
            words = {"course": cohort.course.title, "number": cohort.number, "start": cohort.starts_on.isoformat()}
            if promoted:
                line = _("A seat opened in %(course)s, cohort %(number)s, and it is yours. It starts on %(start)s.")
            else:
                line = _("You are selected for %(course)s, cohort %(number)s. It starts on %(start)s.")
            parts.append(line % words)
    with translation.override("ko"):
        subject = _("Datadam academy: you have a seat")
    body = "\n\n".join(parts)
    transaction.on_commit(lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email]))
