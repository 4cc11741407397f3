"""Build academy objects through the services, as an operator would."""

import datetime
from pathlib import Path

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


DATA = Path(__file__).parents[1] / "data"
BOX_SCHEMA = {
    "controls": [
        {"type": "boxes", "name": "objects", "title": "물체", "labels": [
            {"value": "rocket", "text": "로켓"}, {"value": "tower", "text": "발사탑"}]},
    ]
}
# rocket_rgb.jpg is 640 × 427; the rocket stands in the middle.
ROCKET = {"id": "b1", "x": 300.0, "y": 40.0, "width": 60.0, "height": 300.0, "label": "rocket"}
NER_TEXT = "홍길동은 서울의 데이터댐 회사에서 일한다."
NER_SCHEMA = {
    "controls": [
        {"type": "spans", "name": "entities", "title": "개체명", "labels": [
            {"value": "PS", "text": "사람"}, {"value": "LC", "text": "장소"}, {"value": "OG", "text": "기관"}]},
    ]
}
NER_GOLD = [
    {"id": "s1", "start": 0, "end": 3, "label": "PS", "text": "홍길동"},
    {"id": "s2", "start": 5, "end": 7, "label": "LC", "text": "서울"},
]
SPEECH_SCHEMA = {
    "controls": [
        {"type": "segments", "name": "speech", "title": "발화", "transcript": True, "labels": [
            {"value": "speech", "text": "말소리"}]},
    ]
}
# digit_seven.wav lasts 0.446 s.
SEVEN = {"id": "g1", "start": 0.05, "end": 0.4, "label": "speech", "text": "seven"}


def make_region_course(
    manager: User, *, kind: str, practice: int = 1, evaluation: int = 2, **fields: object
) -> Course:
    """An image (boxes), text (NER spans) or audio (segments with transcripts) course of A's, every item alike."""
    organization = manager.org_memberships.first().organization
    schema, data_type, title, gold = {
        "boxes": (BOX_SCHEMA, "image", "상자 그리기", {"objects": [ROCKET]}),
        "spans": (NER_SCHEMA, "text", "개체명 표시", {"entities": NER_GOLD}),
        "segments": (SPEECH_SCHEMA, "audio", "음성 받아쓰기", {"speech": [SEVEN]}),
    }[kind]
    settings = {"title_ko": title, "title_en": kind, "data_types": [data_type], "evaluation_size": evaluation} | fields
    course = courses.course_create(actor=manager, organization=organization, schema=schema, **settings)
    if kind == "boxes":
        with (DATA / "rocket_rgb.jpg").open("rb") as image:
            data = {"image": courses.course_media_add(actor=manager, course=course, name="rocket.jpg", stream=image)}
    elif kind == "segments":
        with (DATA / "digit_seven.wav").open("rb") as audio:
            data = {"audio": courses.course_media_add(actor=manager, course=course, name="seven.wav", stream=audio)}
    else:
        data = {"text": NER_TEXT}
    for use, count in (("practice", practice), ("evaluation", evaluation)):
        for _ in range(count):
            courses.course_item_add(
                actor=manager, course=course, data=data, gold=gold, use=use, explanation_ko="정답을 보세요."
            )
    return course
