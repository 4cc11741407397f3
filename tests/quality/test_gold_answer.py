"""A manager answers a gold item in the task form labelers use, instead of writing its answer as JSON."""

import json

from datadam.projects.models import Item
from datadam.quality.models import GoldItem
from tests import factories
from tests.conftest import client_for

NER = {"controls": [{"type": "spans", "name": "entities", "labels": ["PS", "LC"]}]}


def _url(project) -> str:
    return f"/projects/{project.id}/quality/gold/answer/"


def test_manager_types_a_text_then_answers_it_in_the_task_form(cast) -> None:
    manager = client_for(cast.manager)
    step = {"text": "정말 지루한 영화였다", "explanation": "지루하다는 부정입니다"}

    form = manager.post(_url(cast.project), step)
    saved = manager.post(_url(cast.project), {**step, "save": "1", "answer-sentiment": "negative"})

    assert form.status_code == 200
    assert 'name="answer-sentiment"' in form.content.decode()
    assert saved.status_code == 302
    gold = GoldItem.objects.get(project=cast.project)
    assert (gold.item.data, gold.answer, gold.explanation) == (
        {"text": "정말 지루한 영화였다"},
        {"sentiment": "negative"},
        "지루하다는 부정입니다",
    )


def test_spans_are_marked_on_the_gold_text_with_the_labeling_widget(cast) -> None:
    project = factories.ProjectFactory(organization=cast.project.organization, schema=NER)
    spans = [{"id": "s1", "start": 0, "end": 3, "label": "PS", "text": "홍길동"}]
    step = {"text": "홍길동이 왔다"}
    manager = client_for(cast.manager)

    form = manager.post(_url(project), step).content.decode()
    manager.post(_url(project), {**step, "save": "1", "answer-entities": json.dumps(spans)})

    assert 'data-widget="text"' in form and 'name="answer-entities"' in form
    assert GoldItem.objects.get(project=project).answer == {"entities": spans}


def test_an_item_already_imported_becomes_gold_and_leaves_the_queue(cast) -> None:
    item = cast.items[0]

    client_for(cast.manager).post(_url(cast.project), {"item": item.id, "save": "1", "answer-sentiment": "positive"})

    assert GoldItem.objects.get(item=item).answer == {"sentiment": "positive"}
    assert Item.objects.get(id=item.id).open_slots == 0


def test_an_answer_the_schema_refuses_keeps_the_form_and_saves_nothing(cast) -> None:
    page = client_for(cast.manager).post(_url(cast.project), {"text": "애매한 문장", "save": "1"})

    assert page.status_code == 422
    assert "sentiment" in page.context["error"]
    assert not GoldItem.objects.exists()


def test_another_projects_item_is_not_found(cast) -> None:
    foreign = Item.objects.filter(project=cast.project_b).first()

    page = client_for(cast.manager).post(
        _url(cast.project), {"item": foreign.id, "save": "1", "answer-sentiment": "positive"}
    )

    assert page.status_code == 404
    assert not GoldItem.objects.exists()


def test_outsider_and_labeler_get_404_and_nothing_is_saved(cast) -> None:
    for person in (cast.outsider, cast.labeler):
        page = client_for(person).post(_url(cast.project), {"text": "x", "save": "1", "answer-sentiment": "positive"})
        assert page.status_code == 404
    assert not GoldItem.objects.exists()
