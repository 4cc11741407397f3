"""Helpers for the assist tests: projects with accepted labels, made directly (the review flow is tested elsewhere)."""

import pytest

from datadam.labeling.models import Annotation
from datadam.projects.models import Item, Project
from tests import factories

POSITIVE = ["정말 재미있어요", "최고의 영화", "감동적이고 좋았다", "배우 연기 훌륭함", "또 보고 싶다 최고"]
POSITIVE += ["재미있고 신나요"]
NEGATIVE = ["너무 지루했다", "최악의 영화", "돈 아까움 별로", "연기 엉망이다 최악", "지루하고 졸렸다"]
NEGATIVE += ["다시는 안 본다"]
PEOPLE_AND_PLACES = [("홍길동", "서울"), ("김철수", "부산"), ("이영희", "대전"), ("박민수", "광주")]
PEOPLE_AND_PLACES += [("최지우", "인천")]

NER_SCHEMA = {
    "controls": [
        {
            "type": "spans",
            "name": "entities",
            "source": "text",
            "labels": [{"value": "PS"}, {"value": "LC"}],
        }
    ]
}


def accept(project: Project, item: Item, result: dict, worker=None) -> Annotation:
    worker = worker or factories.UserFactory()
    assignment = factories.AssignmentFactory(item=item, project=project, worker=worker, status="submitted")
    item.open_slots = 0
    item.save(update_fields=["open_slots"])
    return Annotation.objects.create(
        assignment=assignment, project=project, item=item, author=worker, result=result, status="accepted"
    )


def labeled_sentiment(project: Project, copies: int = 2) -> list[Item]:
    """Accepted labels for 12 × copies short reviews, half positive, half negative."""
    worker = factories.UserFactory()
    items = []
    for round_ in range(copies):
        for texts, label in ((POSITIVE, "positive"), (NEGATIVE, "negative")):
            for text in texts:
                item = factories.ItemFactory(project=project, data={"text": f"{text} {round_}"})
                accept(project, item, {"sentiment": label}, worker)
                items.append(item)
    return items


@pytest.fixture
def sentiment_project(cast) -> Project:
    labeled_sentiment(cast.project)
    return cast.project
