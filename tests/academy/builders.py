"""Build academy objects through the services, as an operator would."""

import datetime

from django.utils import timezone

from datadam.academy.models import Cohort, Course, CourseItem
from datadam.academy.services import cohorts, courses
from datadam.accounts.models import User

SCHEMA = {"controls": [{"type": "choices", "name": "sentiment", "labels": ["positive", "negative"]}]}
REVIEWS = [
    ("최고의 영화였다", "positive"),
    ("시간 낭비였다", "negative"),
    ("배우들 연기가 훌륭하다", "positive"),
    ("지루해서 잠들었다", "negative"),
    ("또 보고 싶다", "positive"),
]


def make_course(manager: User, *, practice: int = 2, evaluation: int = 5, **fields: object) -> Course:
    """A text course of A's with a lesson, practice items and an evaluation bank (sentiment of short reviews)."""
    organization = manager.org_memberships.first().organization
    settings = {"title_ko": "텍스트 라벨링 기초", "title_en": "Text labeling basics", "data_types": ["text"]}
    settings |= {"evaluation_size": evaluation, "cooldown_minutes": 60, "max_attempts": 3} | fields
    course = courses.course_create(actor=manager, organization=organization, schema=SCHEMA, **settings)
    courses.lesson_create(
        actor=manager, course=course, title_ko="감성이란", title_en="What sentiment is", body_ko="# 안녕"
    )
    for text, label in REVIEWS[:practice]:
        courses.course_item_add(
            actor=manager,
            course=course,
            data={"text": text},
            gold={"sentiment": label},
            use="practice",
            explanation_ko=f"'{text}'는 {label}입니다.",
            explanation_en=f"'{text}' is {label}.",
        )
    for index in range(evaluation):
        text, label = REVIEWS[index % len(REVIEWS)]
        courses.course_item_add(
            actor=manager,
            course=course,
            data={"text": f"{text} ({index})"},
            gold={"sentiment": label},
            use="evaluation",
        )
    return course


def make_cohort(manager: User, course: Course, *, number: int = 1, seats: int = 30, **fields: object) -> Cohort:
    now = timezone.now()
    settings: dict = {
        "enrol_opens_at": now - datetime.timedelta(days=1),
        "enrol_closes_at": now + datetime.timedelta(days=7),
        "starts_on": (now + datetime.timedelta(days=8)).date(),
        "ends_on": (now + datetime.timedelta(days=20)).date(),
        "teaching_organization": "가나다 교육",
    } | fields
    return cohorts.cohort_create(actor=manager, course=course, number=number, seats=seats, **settings)


def evaluation_answers(attempt, *, right: int) -> dict:
    """Answers to an attempt: the first `right` items answered correctly, the rest wrongly."""
    items = CourseItem.objects.in_bulk(attempt.item_ids)
    answers = {}
    for index, item_id in enumerate(attempt.item_ids):
        gold = items[item_id].gold["sentiment"]
        wrong = "negative" if gold == "positive" else "positive"
        answers[str(item_id)] = {"sentiment": gold if index < right else wrong}
    return answers
