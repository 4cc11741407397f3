"""Reads about courses, cohorts, qualifications and project requirements, scoped to the caller."""

import math
from dataclasses import dataclass

from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from datadam.academy import permissions
from datadam.academy.models import (
    Attendance,
    Certificate,
    Cohort,
    Course,
    CourseItem,
    Enrolment,
    EvaluationAttempt,
    Lesson,
    LessonProgress,
    ParticipationAgreement,
    PracticeAnswer,
    ProjectRequirement,
    Qualification,
    Role,
)
from datadam.accounts.models import User
from datadam.core.errors import NotFound
from datadam.projects import access
from datadam.projects.models import Project


def qualifications_of(user: User) -> QuerySet[Qualification]:
    """The person's own qualifications, newest first."""
    if not user.is_authenticated:
        return Qualification.objects.none()
    return Qualification.objects.filter(user=user).select_related("course").order_by("-granted_at", "-id")


def project_requirement(project: Project) -> ProjectRequirement | None:
    """What the project asks of people who join it; None when it asks nothing."""
    return ProjectRequirement.objects.filter(project=project).select_related("agreement").first()


def _qualifications_matching(user: User, requirement: ProjectRequirement) -> QuerySet[Qualification]:
    roles = [Role.REVIEWER] if requirement.role == Role.REVIEWER else [Role.LABELER, Role.REVIEWER]
    found = qualifications_of(user).filter(data_type=requirement.data_type, role__in=roles)
    if requirement.subject:
        found = found.filter(subject=requirement.subject)
    return found


def user_meets_requirement(user: User, project: Project) -> bool:
    """True when the project asks no qualification, or the person holds one that fits.

    A reviewer qualification also counts for labeler work; a project with a subject area asks for that exact
    area, and one without asks only for the data type.
    """
    requirement = project_requirement(project)
    if requirement is None or not requirement.data_type:
        return True
    return _qualifications_matching(user, requirement).exists()


def course_for_requirement(requirement: ProjectRequirement) -> Course | None:
    """A published course that grants what the requirement asks (the same subject area first), or None."""
    if not requirement.data_type:
        return None
    candidates = Course.objects.filter(Q(subject=requirement.subject) | Q(subject=""), published=True).order_by("id")
    courses = [course for course in candidates if requirement.data_type in (course.data_types or [])]
    if requirement.subject:
        courses = [course for course in courses if course.subject == requirement.subject]
    return courses[0] if courses else None


# ---- pages and API: courses, cohorts, enrolments, attempts, certificates


def course_list_open(*, actor: User) -> list[Course]:
    """Published courses with a cohort whose applications have not closed: what anyone may apply to."""
    now = timezone.now()
    open_cohorts = Prefetch(
        "cohorts", queryset=Cohort.objects.filter(enrol_closes_at__gte=now).order_by("number"), to_attr="open_cohorts"
    )
    courses = Course.objects.filter(published=True, cohorts__enrol_closes_at__gte=now).distinct()
    return list(courses.select_related("organization").prefetch_related(open_cohorts).order_by("id"))


@dataclass(frozen=True)
class Seats:
    """A cohort's seats as a visitor sees them before applying."""

    total: int
    taken: int

    @property
    def left(self) -> int:
        return max(self.total - self.taken, 0)

    @property
    def full(self) -> bool:
        return self.left == 0


SEAT_HOLDING = [Enrolment.Status.ENROLLED, Enrolment.Status.COMPLETED]


def cohort_seats(cohort: Cohort) -> Seats:
    return Seats(total=cohort.seats, taken=cohort.enrolments.filter(status__in=SEAT_HOLDING).count())


# A careful first reading: words (Korean eojeol or English words) a minute; one minute per gold item answered.
READING_WORDS_PER_MINUTE = 150
MINUTES_PER_ITEM = 1


def course_minutes(course: Course) -> int:
    """How long the course takes, worked out from what it holds rather than typed in: each lesson read at a careful
    pace, a minute for each practice item, and the evaluation (its time limit, or a minute for each item)."""
    reading = sum(
        max(1, math.ceil(len(lesson.body.split()) / READING_WORDS_PER_MINUTE)) for lesson in course.lessons.all()
    )
    practice = course.course_items.filter(use=CourseItem.Use.PRACTICE).count() * MINUTES_PER_ITEM
    evaluation = course.time_limit_minutes or course.evaluation_size * MINUTES_PER_ITEM
    return reading + practice + evaluation


def enrolment_list_own(*, actor: User) -> QuerySet[Enrolment]:
    if not actor.is_authenticated:
        return Enrolment.objects.none()
    return Enrolment.objects.filter(user=actor).select_related("cohort__course").order_by("-applied_at")


def course_get_for_study(*, actor: User, course_id: int) -> Course:
    """A course the actor studies (enrolled or completed in one of its cohorts) or runs; else NotFound."""
    course = Course.objects.filter(id=course_id).select_related("item_project", "organization").first()
    if course is None or not permissions.can_study(actor, course):
        raise NotFound(_("No such course."))
    return course


def course_get_public(*, code: str) -> Course:
    """A published course's public overview, by its code; a draft is NotFound to everyone here."""
    course = Course.objects.filter(code=code, published=True).first()
    if course is None:
        raise NotFound(_("No such course."))
    return course


def cohort_list_open(course: Course) -> list[Cohort]:
    """The course's cohorts still taking applications, each with its seats as a visitor sees them."""
    found = list(course.cohorts.filter(enrol_closes_at__gte=timezone.now()).order_by("number"))
    for cohort in found:
        cohort.seats_now = cohort_seats(cohort)
    return found


def course_managed_list(*, actor: User) -> QuerySet[Course]:
    return access.scope_to_staff(Course.objects.all(), actor).order_by("-created_at")


def course_managed_get(*, actor: User, course_id: int) -> Course:
    course = course_managed_list(actor=actor).filter(id=course_id).select_related("item_project").first()
    if course is None:
        raise NotFound(_("No such course."))
    return course


def lesson_get(*, actor: User, course: Course, lesson_id: int) -> Lesson:
    lesson = Lesson.objects.filter(id=lesson_id, course=course).first()
    if lesson is None:
        raise NotFound(_("No such lesson."))
    return lesson


def cohort_get_public(*, code: str) -> Cohort:
    """The public cohort page's look-up, by its code (no database id in public addresses)."""
    cohort = Cohort.objects.filter(code=code, course__published=True).select_related("course__organization").first()
    if cohort is None:
        raise NotFound(_("No such cohort."))
    return cohort


def cohort_managed_get(*, actor: User, cohort_id: int) -> Cohort:
    cohort = (
        access.scope_to_staff(Cohort.objects.filter(id=cohort_id), actor, "course__organization")
        .select_related("course")
        .first()
    )
    if cohort is None:
        raise NotFound(_("No such cohort."))
    return cohort


def enrolment_get_own(*, actor: User, enrolment_id: int) -> Enrolment:
    enrolment = (
        Enrolment.objects.filter(id=enrolment_id, user_id=actor.id).select_related("cohort__course").first()
        if actor.is_authenticated
        else None
    )
    if enrolment is None:
        raise NotFound(_("No such application."))
    return enrolment


def enrolment_managed_get(*, actor: User, enrolment_id: int) -> Enrolment:
    enrolment = (
        access.scope_to_staff(Enrolment.objects.filter(id=enrolment_id), actor, "cohort__course__organization")
        .select_related("cohort__course", "user")
        .first()
    )
    if enrolment is None:
        raise NotFound(_("No such application."))
    return enrolment


def enrolment_list_for_cohort(*, cohort: Cohort) -> list[Enrolment]:
    """Applicants in the order an operator works through them: waiting for a decision, enrolled, waiting list."""
    order = {"applied": 0, "enrolled": 1, "completed": 2, "waitlisted": 3, "cancelled": 4}
    rows = list(Enrolment.objects.filter(cohort=cohort).select_related("user").order_by("applied_at", "id"))
    return sorted(rows, key=lambda row: (order[row.status], row.waitlist_order or 0))


def attempt_get_own(*, actor: User, attempt_id: int) -> EvaluationAttempt:
    attempt = (
        EvaluationAttempt.objects.filter(id=attempt_id, user_id=actor.id).select_related("course").first()
        if actor.is_authenticated
        else None
    )
    if attempt is None:
        raise NotFound(_("No such attempt."))
    return attempt


def attempt_items(attempt: EvaluationAttempt) -> list[CourseItem]:
    items = CourseItem.objects.select_related("item").in_bulk(attempt.item_ids)
    return [items[item_id] for item_id in attempt.item_ids if item_id in items]


def practice_item_get(*, actor: User, course_item_id: int) -> CourseItem:
    item = CourseItem.objects.filter(id=course_item_id, use=CourseItem.Use.PRACTICE).select_related("course").first()
    if item is None or not permissions.can_study(actor, item.course):
        raise NotFound(_("No such practice item."))
    return item


def practice_items(course: Course) -> list[CourseItem]:
    return list(course.course_items.filter(use=CourseItem.Use.PRACTICE).select_related("item"))


def certificate_list_own(*, actor: User) -> QuerySet[Certificate]:
    if not actor.is_authenticated:
        return Certificate.objects.none()
    return Certificate.objects.filter(user=actor).select_related("course").order_by("-issued_at")


def certificate_verify(*, code: str) -> Certificate:
    """Anyone may check a certificate by its code; the page shows only name, course and date."""
    certificate = Certificate.objects.filter(code=code.strip().upper()).select_related("course").first()
    if certificate is None:
        raise NotFound(_("No certificate has this code."))
    return certificate


@dataclass(frozen=True)
class Progress:
    lessons_done: int
    lessons: int
    practice_right: int
    practice: int
    attempts: int
    best_score: float | None
    attended: int
    certificate: Certificate | None


def course_progress(*, user: User, course: Course, enrolment: Enrolment | None = None) -> Progress:
    """One trainee's progress in a course: lessons, practice items answered right at least once, evaluation."""
    lessons = course.lessons.count()
    done = LessonProgress.objects.filter(user=user, lesson__course=course).count()
    practice = course.course_items.filter(use=CourseItem.Use.PRACTICE).count()
    right = (
        PracticeAnswer.objects.filter(user=user, course_item__course=course, correct=True)
        .values("course_item_id")
        .distinct()
        .count()
    )
    attempts = EvaluationAttempt.objects.filter(user=user, course=course)
    best = attempts.filter(status=EvaluationAttempt.Status.SCORED).aggregate(best=Max("score"))["best"]
    attended = enrolment.attendance.filter(present=True).count() if enrolment else 0
    certificate = Certificate.objects.filter(user=user, course=course).first()
    return Progress(done, lessons, right, practice, attempts.count(), best, attended, certificate)


def cohort_progress(*, cohort: Cohort) -> list[tuple[Enrolment, Progress]]:
    """Progress of every enrolled (or completed) trainee in a cohort, for its operators."""
    enrolments = Enrolment.objects.filter(cohort=cohort, status__in=["enrolled", "completed"]).select_related("user")
    return [
        (row, course_progress(user=row.user, course=cohort.course, enrolment=row))
        for row in enrolments.order_by("user__username")
    ]


def attendance_grid(*, cohort: Cohort) -> list[tuple[Enrolment, list[bool]]]:
    enrolments = Enrolment.objects.filter(cohort=cohort, status__in=["enrolled", "completed"]).select_related("user")
    present = set(
        Attendance.objects.filter(enrolment__cohort=cohort, present=True).values_list("enrolment_id", "session")
    )
    sessions = range(1, cohort.sessions + 1)
    return [
        (row, [(row.id, session) in present for session in sessions]) for row in enrolments.order_by("user__username")
    ]


@dataclass(frozen=True)
class Candidate:
    user: User
    best_score: float | None
    accepted: int
    rejected: int

    @property
    def acceptance_rate(self) -> float | None:
        reviewed = self.accepted + self.rejected
        return self.accepted / reviewed if reviewed else None


def reviewer_candidates(*, project: Project) -> list[Candidate]:
    """The project's labelers who are not reviewers yet, best first: by their share of accepted work in the
    project, then by their best evaluation score in a course for the project's data type."""
    reviewers = project.memberships.filter(role="reviewer").values("user_id")
    labelers = project.memberships.filter(role="labeler").exclude(user_id__in=reviewers).select_related("user")
    courses = [course.id for course in Course.objects.all() if project.data_type in (course.data_types or [])]
    candidates = []
    for membership in labelers:
        user = membership.user
        counts = project.annotations.filter(author=user).aggregate(
            accepted=Count("id", filter=Q(status="accepted")), rejected=Count("id", filter=Q(status="rejected"))
        )
        best = EvaluationAttempt.objects.filter(user=user, course_id__in=courses, status="scored").aggregate(
            best=Max("score")
        )["best"]
        candidates.append(Candidate(user, best, counts["accepted"], counts["rejected"]))
    return sorted(candidates, key=lambda c: (-(c.acceptance_rate or 0), -(c.best_score or 0), -c.accepted))


def agreement_list(*, actor: User) -> QuerySet[ParticipationAgreement]:
    return access.scope_to_staff(ParticipationAgreement.objects.all(), actor).order_by("key", "-version")
