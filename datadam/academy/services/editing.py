"""Editing what an operator created: a course, its lessons, a cohort.

Until anyone has applied to one of its cohorts, a course or cohort may change in every field. Once someone has
applied, they applied to what they saw: only the safe fields (words, venue, timetable, more seats) change, and
the rest are refused with the list of fields, so nobody's scores, dates or seat is changed under them.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from datadam.academy import permissions
from datadam.academy.models import Cohort, Course, Enrolment, Lesson
from datadam.academy.services.cohorts import _check_cohort_fields, _promote_next
from datadam.academy.services.courses import _check_course_fields
from datadam.accounts.models import User
from datadam.audit.services import audit_record
from datadam.core.errors import Conflict, Invalid, NotFound

COURSE_FIELDS = {
    "title_ko", "title_en", "description_ko", "description_en", "subject", "labeler_threshold",
    "reviewer_threshold", "evaluation_size", "time_limit_minutes", "max_attempts", "cooldown_minutes", "stipend",
}  # fmt: skip
COURSE_SAFE = {"title_ko", "title_en", "description_ko", "description_en", "subject"}
COHORT_FIELDS = {
    "enrol_opens_at", "enrol_closes_at", "starts_on", "ends_on", "seats", "mode", "selection",
    "teaching_organization", "venue", "timetable", "sessions", "required_attendance",
}  # fmt: skip
COHORT_SAFE = {"teaching_organization", "venue", "timetable", "seats"}
_CHECKED = (
    "enrol_opens_at", "enrol_closes_at", "starts_on", "ends_on", "seats", "sessions", "required_attendance",
    "mode", "selection",
)  # fmt: skip


def course_has_applications(course: Course) -> bool:
    return Enrolment.objects.filter(cohort__course=course).exists()


def cohort_has_applications(cohort: Cohort) -> bool:
    return cohort.enrolments.exists()


def _changes(instance, values: dict, allowed: set[str], safe: set[str], locked: bool) -> dict:
    """The fields whose value differs; refused when one is unknown, or locked by an application."""
    unknown = set(values) - allowed
    if unknown:
        raise Invalid(_("These fields cannot be changed: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    changed = {name: value for name, value in values.items() if getattr(instance, name) != value}
    held = sorted(set(changed) - safe) if locked else []
    if held:
        raise Conflict(
            _("People have already applied, so these fields stay as they were: %(fields)s")
            % {"fields": ", ".join(held)}
        )
    return changed


@transaction.atomic
def course_update(*, actor: User, course: Course, **values) -> Course:
    """Change a course; after the first application only its words (titles, descriptions, subject)."""
    if not permissions.is_course_staff(actor, course):
        raise NotFound(_("No such course."))
    course = Course.objects.select_for_update().get(id=course.id)
    changed = _changes(course, values, COURSE_FIELDS, COURSE_SAFE, course_has_applications(course))
    merged = {name: changed.get(name, getattr(course, name)) for name in COURSE_FIELDS}
    _check_course_fields(
        data_types=course.data_types,
        labeler_threshold=merged["labeler_threshold"],
        reviewer_threshold=merged["reviewer_threshold"],
        evaluation_size=merged["evaluation_size"],
    )
    if merged["max_attempts"] < 1:
        raise Invalid(_("Allow at least one attempt."))
    for name, value in changed.items():
        setattr(course, name, value)
    if changed:
        course.save(update_fields=list(changed))
    audit_record(
        actor=actor, action="course.update", target=course, organization_id=course.organization_id,
        detail={"fields": sorted(changed)},
    )
    return course


@transaction.atomic
def lesson_update(
    *, actor: User, lesson: Lesson, title_ko: str, title_en: str, body_ko: str, body_en: str = "", minutes: int = 30
) -> Lesson:
    """A lesson's words and length may change at any time: a trainee reads the newest text."""
    if not permissions.is_course_staff(actor, lesson.course):
        raise NotFound(_("No such lesson."))
    if minutes < 1:
        raise Invalid(_("A lesson takes at least one minute."))
    lesson.title_ko, lesson.title_en, lesson.body_ko, lesson.body_en = title_ko, title_en, body_ko, body_en
    lesson.minutes = minutes
    lesson.save(update_fields=["title_ko", "title_en", "body_ko", "body_en", "minutes"])
    audit_record(actor=actor, action="lesson.update", target=lesson, organization_id=lesson.course.organization_id)
    return lesson


@transaction.atomic
def cohort_update(*, actor: User, cohort: Cohort, **values) -> Cohort:
    """Change a cohort; after the first application only its venue, timetable, teacher and more seats."""
    if not permissions.is_course_staff(actor, cohort.course):
        raise NotFound(_("No such cohort."))
    cohort = Cohort.objects.select_for_update().select_related("course").get(id=cohort.id)
    applied = cohort_has_applications(cohort)
    changed = _changes(cohort, values, COHORT_FIELDS, COHORT_SAFE, applied)
    merged = {name: changed.get(name, getattr(cohort, name)) for name in _CHECKED}
    _check_cohort_fields(**merged)
    if applied and merged["seats"] < cohort.seats:
        raise Conflict(_("People have already applied, so the cohort can gain seats but not lose them."))
    for name, value in changed.items():
        setattr(cohort, name, value)
    if changed:
        cohort.save(update_fields=list(changed))
    while "seats" in changed and _promote_next(cohort) is not None:
        pass  # a new seat goes to the first person waiting, as a cancelled seat does
    audit_record(
        actor=actor, action="cohort.update", target=cohort, organization_id=cohort.course.organization_id,
        detail={"fields": sorted(changed)},
    )
    return cohort
