"""Studying: lesson progress, practice with instant feedback, and the scored evaluation.

Practice and evaluation items are items of the course's hidden project; answers are checked against that
project's label schema and the item (a span against its text, a box against its image), and scored with each
control's own `score(config, gold, answer)`, as real work is: choices right or wrong, boxes and polygons by
overlap (IoU), spans by F1, segments by overlap and transcript, free text by 1 − character error rate.
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
from datadam.core.errors import Conflict, DomainError, Invalid, NotFound
from datadam.projects.schema.controls import score_in
from datadam.projects.schema.validate import LabelSchema, annotation_validate, schema_parse

# Answers that arrive this long after the time limit still count: the page's own clock and the network lag.
GRACE_SECONDS = 30


def control_scores(schema: LabelSchema, gold: dict, answer: dict) -> dict[str, float]:
    """Each control the gold answer names, scored by its kind against gold (with the control it follows)."""
    return {control.name: score_in(control, gold, answer) for control in schema.controls if control.name in gold}


def item_score(schema: LabelSchema, gold: dict, answer: dict) -> float:
    """The mean of the control scores over the controls the gold answer names."""
    scores = control_scores(schema, gold, answer)
    return sum(scores.values()) / len(scores) if scores else 0.0


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
    # Each control's score against gold, in [0, 1], and the mark at which one counts as right.
    scores: dict[str, float]
    pass_mark: float


def _right(scores: dict[str, float], pass_mark: float) -> bool:
    """Right when every control reaches the course's pass mark: a choice must be the expected one, a hand-drawn
    box need only overlap the expected box as much as the evaluation asks (no one draws to the pixel)."""
    return bool(scores) and all(score >= pass_mark for score in scores.values())


@transaction.atomic
def practice_answer(*, actor: User, course_item: CourseItem, answer: dict) -> Feedback:
    """Check one practice answer and say at once whether it is right, what was expected and why. Unlimited tries.

    The answer is checked against the item too (a span's text, a box inside the image); a bad one raises
    SchemaViolation and nothing is stored."""
    course = course_item.course
    _course_for_study(actor, course)
    if course_item.use != CourseItem.Use.PRACTICE:
        raise NotFound(_("No such practice item."))
    schema = schema_parse(course.item_project.schema)
    annotation_validate(schema, answer, course_item.item.data, project_id=course.item_project_id)
    scores = control_scores(schema, course_item.gold, answer)
    score = sum(scores.values()) / len(scores) if scores else 0.0
    correct = _right(scores, course.labeler_threshold)
    PracticeAnswer.objects.create(user=actor, course_item=course_item, answer=answer, score=score, correct=correct)
    return Feedback(correct, score, course_item.gold, course_item.explanation, scores, course.labeler_threshold)


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
            annotation_validate(schema, answer, items[item_id].item.data, project_id=items[item_id].item.project_id)
        except DomainError:
            continue  # an unfinished answer (a required control left out) scores nothing, like a blank one
        total += item_score(schema, items[item_id].gold, answer)
    return total / len(item_ids) if item_ids else 0.0


def answers_check(schema: LabelSchema, items: dict[int, CourseItem], item_ids: list[int], answers: dict) -> None:
    """Refuse an attempt's answers when a value given is malformed (a label outside the schema, a box outside the
    image), naming the item by its number on the page. Controls left out are not refused: they score nothing."""
    given_only = schema.model_copy(
        update={"controls": [control.model_copy(update={"required": False}) for control in schema.controls]}
    )
    for number, item_id in enumerate(item_ids, start=1):
        answer = answers.get(str(item_id))
        if not isinstance(answer, dict) or item_id not in items:
            continue
        item = items[item_id].item
        try:
            annotation_validate(given_only, answer, item.data, project_id=item.project_id)
        except DomainError as exc:
            raise Invalid(_("Item %(number)s: %(problem)s") % {"number": number, "problem": exc.message}) from None


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
    items = CourseItem.objects.select_related("item").in_bulk(attempt.item_ids)
    answers_check(schema, items, attempt.item_ids, attempt.answers)
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
