"""Studying: lesson progress, practice with instant feedback, and the scored evaluation.

Practice and evaluation items are items of the course's hidden project; answers are checked against that
project's label schema and scored with each control's own `score(config, gold, answer)`, as real work is.
"""

import datetime
import random
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from datadam.academy import permissions
from datadam.academy.models import Course, CourseItem, EvaluationAttempt, Lesson, LessonProgress, PracticeAnswer
from datadam.academy.services import qualifications
from datadam.accounts.models import User
from datadam.audit.services import audit_record
from datadam.core.errors import Conflict, DomainError, NotFound
from datadam.projects.schema.controls import KINDS
from datadam.projects.schema.validate import LabelSchema, annotation_validate, schema_parse

# An answer this close to full marks counts as right (floating-point scores such as 1 − CER).
RIGHT = 0.999
# Answers that arrive this long after the time limit still count: the page's own clock and the network lag.
GRACE_SECONDS = 30


def item_score(schema: LabelSchema, gold: dict, answer: dict) -> float:
    """The mean of the control scores over the controls the gold answer names."""
    controls = {control.name: control for control in schema.controls}
    scores = [
        KINDS[controls[name].type].score(controls[name], value, answer.get(name))
        for name, value in gold.items()
        if name in controls
    ]
    return sum(scores) / len(scores) if scores else 0.0


def _course_for_study(actor: User, course: Course) -> None:
    if not permissions.can_study(actor, course):
        raise NotFound(_("No such course."))


@transaction.atomic
def lesson_complete(*, actor: User, lesson: Lesson) -> LessonProgress:
    _course_for_study(actor, lesson.course)
    progress, _created = LessonProgress.objects.get_or_create(user=actor, lesson=lesson)
    return progress


@dataclass(frozen=True)
class Feedback:
    correct: bool
    score: float
    expected: dict
    explanation: str


@transaction.atomic
def practice_answer(*, actor: User, course_item: CourseItem, answer: dict) -> Feedback:
    """Check one practice answer and say at once whether it is right, what was expected and why. Unlimited tries."""
    course = course_item.course
    _course_for_study(actor, course)
    if course_item.use != CourseItem.Use.PRACTICE:
        raise NotFound(_("No such practice item."))
    schema = schema_parse(course.item_project.schema)
    annotation_validate(schema, answer)
    score = item_score(schema, course_item.gold, answer)
    PracticeAnswer.objects.create(
        user=actor, course_item=course_item, answer=answer, score=score, correct=score >= RIGHT
    )
    return Feedback(score >= RIGHT, score, course_item.gold, course_item.explanation)


def _draw(course: Course) -> list[int]:
    bank = list(course.course_items.filter(use=CourseItem.Use.EVALUATION).values_list("id", flat=True))
    if not bank:
        raise Conflict(_("This course has no evaluation items yet."))
    if course.evaluation_mode == Course.EvaluationMode.RANDOM:
        return random.sample(bank, min(course.evaluation_size, len(bank)))
    return bank[: course.evaluation_size]


@transaction.atomic
def evaluation_start(*, actor: User, course: Course) -> EvaluationAttempt:
    """Start an attempt (or return the one in progress). Attempts are limited, with a wait between them."""
    _course_for_study(actor, course)
    User.objects.select_for_update().filter(id=actor.id).first()  # one start at a time per person
    attempts = EvaluationAttempt.objects.filter(course=course, user=actor).order_by("-started_at", "-id")
    now = timezone.now()
    running = attempts.filter(status=EvaluationAttempt.Status.STARTED).first()
    if running is not None and (running.deadline is None or now <= running.deadline):
        return running
    if running is not None:  # its time ran out without an answer: it counts, as late
        _close_late(running, now)
    if attempts.count() >= course.max_attempts:
        raise Conflict(_("You have used all %(count)s attempts for this evaluation.") % {"count": course.max_attempts})
    last = attempts.first()
    if last is not None:
        ready_at = (last.submitted_at or last.started_at) + datetime.timedelta(minutes=course.cooldown_minutes)
        if now < ready_at:
            when = timezone.localtime(ready_at).strftime("%Y-%m-%d %H:%M")
            raise Conflict(_("Please rest before the next attempt. You can try again at %(when)s.") % {"when": when})
    deadline = now + datetime.timedelta(minutes=course.time_limit_minutes) if course.time_limit_minutes else None
    attempt = EvaluationAttempt.objects.create(course=course, user=actor, item_ids=_draw(course), deadline=deadline)
    audit_record(actor=actor, action="evaluation.start", target=attempt, organization_id=course.organization_id)
    return attempt


def _close_late(attempt: EvaluationAttempt, now) -> None:
    attempt.status, attempt.submitted_at = EvaluationAttempt.Status.LATE, now
    attempt.save(update_fields=["status", "submitted_at"])


def _score_answers(schema: LabelSchema, items: dict[int, CourseItem], item_ids: list[int], answers: dict) -> float:
    total = 0.0
    for item_id in item_ids:
        answer = answers.get(str(item_id))
        if not isinstance(answer, dict) or item_id not in items:
            continue
        try:
            annotation_validate(schema, answer)
        except DomainError:
            continue  # a malformed answer scores nothing, like a blank one
        total += item_score(schema, items[item_id].gold, answer)
    return total / len(item_ids) if item_ids else 0.0


@transaction.atomic
def evaluation_submit(*, actor: User, attempt: EvaluationAttempt, answers: dict) -> EvaluationAttempt:
    """Score an attempt. After the time limit it is recorded as late and not scored.

    A score at or above the course's labeler threshold grants the labeler qualification and a certificate; at or
    above the reviewer threshold, the reviewer qualification too.
    """
    attempt = EvaluationAttempt.objects.select_for_update().select_related("course").filter(id=attempt.id).first()
    if attempt is None or attempt.user_id != actor.id:
        raise NotFound(_("No such attempt."))
    if attempt.status != EvaluationAttempt.Status.STARTED:
        raise Conflict(_("This attempt was already handed in."))
    course, now = attempt.course, timezone.now()
    attempt.answers = {key: value for key, value in (answers or {}).items() if key in map(str, attempt.item_ids)}
    if attempt.deadline and now > attempt.deadline + datetime.timedelta(seconds=GRACE_SECONDS):
        attempt.status, attempt.submitted_at = EvaluationAttempt.Status.LATE, now
        attempt.save(update_fields=["answers", "status", "submitted_at"])
        audit_record(actor=actor, action="evaluation.late", target=attempt, organization_id=course.organization_id)
        return attempt
    schema = schema_parse(course.item_project.schema)
    items = CourseItem.objects.in_bulk(attempt.item_ids)
    attempt.score = round(_score_answers(schema, items, attempt.item_ids, attempt.answers), 4)
    attempt.passed = attempt.score >= course.labeler_threshold
    attempt.status, attempt.submitted_at = EvaluationAttempt.Status.SCORED, now
    attempt.save(update_fields=["answers", "score", "passed", "status", "submitted_at"])
    audit_record(
        actor=actor,
        action="evaluation.submit",
        target=attempt,
        organization_id=course.organization_id,
        detail={"score": attempt.score, "passed": attempt.passed},
    )
    if attempt.passed:
        qualifications.course_pass(user=actor, attempt=attempt)
    return attempt
