"""The task page in the browser's terms: a labeler opens a page of several items, answers them in one form and
sends it; a page with an item left unanswered comes back with every other answer still there."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from datadam.labeling import pages
from datadam.labeling.models import Annotation, Assignment
from datadam.review.services import review_claim_next, review_reject
from tests.conftest import Cast, client_for

PAGE = 3


@pytest.fixture
def paged(cast: Cast) -> Cast:
    cast.project.items_per_page = PAGE
    cast.project.save()
    return cast


def _open_page(client: Client, cast: Cast) -> list[Assignment]:
    """Start labeling as a worker does and land on the task page; the page's tasks, in its order."""
    started = client.get(reverse("labeling:start", args=[cast.project.id]))
    assert started.status_code == 302
    assert started["Location"] == reverse("labeling:page", args=[cast.project.id])
    page = client.get(started["Location"])
    assert page.status_code == 200
    return [row["assignment"] for row in page.context["rows"]]


def _post(client: Client, cast: Cast, answers: dict[int, dict[str, str]]):
    """The form as the browser sends it: each task's id, then its fields named with the task's prefix."""
    data: dict[str, list[str]] = {"assignment": [str(task_id) for task_id in answers], "active_seconds": ["30"]}
    for task_id, fields in answers.items():
        data.update({f"a{task_id}-{name}": [value] for name, value in fields.items()})
    return client.post(reverse("labeling:page_submit", args=[cast.project.id]), data)


def _picked(html: str, task_id: int) -> list[str]:
    """The sentiment options shown as picked for one task."""
    pattern = rf'name="a{task_id}-sentiment" value="(\w+)"[^>]*\bchecked\b'
    return re.findall(pattern, html)


def test_a_labeler_opens_the_task_page_and_sees_each_item_with_its_own_numbered_fields(paged: Cast) -> None:
    client = client_for(paged.labeler)

    tasks = _open_page(client, paged)
    html = client.get(reverse("labeling:page", args=[paged.project.id])).content.decode()

    assert [task.item_id for task in tasks] == [item.id for item in paged.items[:PAGE]]
    assert html.count("data-page-item") == PAGE
    assert "이 페이지에 항목이 3개 있습니다." in html
    for number, (task, item) in enumerate(zip(tasks, paged.items, strict=False), start=1):
        assert f'name="assignment" value="{task.id}"' in html
        assert f'name="a{task.id}-sentiment"' in html
        assert f'id="a{task.id}-control-note"' in html
        assert f"3개 중 {number}번 항목" in html
        assert item.data["text"] in html
    assert 'name="active_seconds"' in html
    assert Assignment.objects.filter(worker=paged.labeler).count() == PAGE  # opening it twice leased no more


def test_a_page_with_an_item_left_unanswered_comes_back_with_the_other_answers_and_nothing_is_stored(
    paged: Cast,
) -> None:
    client = client_for(paged.labeler)
    first, second, third = _open_page(client, paged)

    response = _post(
        client,
        paged,
        {first.id: {"sentiment": "negative", "note": "지루해요"}, second.id: {}, third.id: {"sentiment": "positive"}},
    )

    html = response.content.decode()
    assert response.status_code == 422
    assert "페이지의 2번 항목" in html and "sentiment" in html
    assert _picked(html, first.id) == ["negative"]
    assert _picked(html, second.id) == []
    assert _picked(html, third.id) == ["positive"]
    assert "지루해요</textarea>" in html
    assert not Annotation.objects.exists()
    assert set(Assignment.objects.filter(worker=paged.labeler).values_list("status", flat=True)) == {"active"}


def test_a_full_page_is_stored_as_one_annotation_per_task_and_the_next_page_follows(paged: Cast) -> None:
    client = client_for(paged.labeler)
    tasks = _open_page(client, paged)
    labels = ["positive", "negative", "positive"]
    answers = {task.id: {"sentiment": label} for task, label in zip(tasks, labels, strict=True)}

    response = _post(client, paged, answers)

    assert response.status_code == 302
    assert response["Location"] == reverse("labeling:start", args=[paged.project.id])
    stored = Annotation.objects.filter(author=paged.labeler)
    assert {a.assignment_id: a.result for a in stored} == answers
    assert len({a.item_id for a in stored}) == PAGE
    next_page = client.get(response["Location"], follow=True)
    assert "답 3개를 제출했습니다. 다음 페이지입니다." in next_page.content.decode()
    assert [row["assignment"].item_id for row in next_page.context["rows"]] == [i.id for i in paged.items[PAGE:]]


def test_another_labeler_cannot_send_answers_for_my_tasks(paged: Cast) -> None:
    mine = pages.page_lease(actor=paged.labeler, project=paged.project)

    response = _post(client_for(paged.labeler2), paged, {task.id: {"sentiment": "negative"} for task in mine})

    assert response.status_code == 404
    assert not Annotation.objects.exists()
    assert set(Assignment.objects.filter(id__in=[t.id for t in mine]).values_list("status", flat=True)) == {"active"}


def test_an_outsider_gets_404_for_the_page_and_its_submit(paged: Cast) -> None:
    client = client_for(paged.outsider)

    assert client.get(reverse("labeling:page", args=[paged.project.id])).status_code == 404
    assert _post(client, paged, {}).status_code == 404


def test_a_project_of_one_item_a_page_still_opens_the_single_task_page(cast: Cast) -> None:
    response = client_for(cast.labeler).get(reverse("labeling:start", args=[cast.project.id]))

    assert response.status_code == 302
    assert re.fullmatch(rf"/projects/{cast.project.id}/tasks/\d+/", response["Location"])


def test_when_nothing_is_left_the_page_says_so(paged: Cast) -> None:
    client = client_for(paged.labeler)
    while tasks := pages.page_lease(actor=paged.labeler, project=paged.project):
        pages.page_submit(
            actor=paged.labeler, project=paged.project, answers={t.id: {"sentiment": "positive"} for t in tasks}
        )

    response = client.get(reverse("labeling:page", args=[paged.project.id]))

    assert response.status_code == 200
    assert "labeling/no_tasks.html" in [template.name for template in response.templates]


def test_a_page_of_rework_shows_the_reviewers_comment(paged: Cast) -> None:
    tasks = pages.page_lease(actor=paged.labeler, project=paged.project)
    pages.page_submit(
        actor=paged.labeler, project=paged.project, answers={t.id: {"sentiment": "positive"} for t in tasks}
    )
    claimed = review_claim_next(actor=paged.reviewer, project=paged.project)
    review_reject(actor=paged.reviewer, annotation_id=claimed.id, comment="부정적인 리뷰예요.")

    response = client_for(paged.labeler).get(reverse("labeling:page", args=[paged.project.id]))

    html = response.content.decode()
    assert [row["assignment"].id for row in response.context["rows"]] == [claimed.assignment_id]
    assert 'data-testid="rework-feedback"' in html and "부정적인 리뷰예요." in html
    assert _picked(html, claimed.assignment_id) == ["positive"]  # the last answer, to correct


def test_an_item_whose_time_ran_out_keeps_its_answer_as_a_draft_and_the_labeler_is_told(paged: Cast) -> None:
    client = client_for(paged.labeler)
    first, *others = _open_page(client, paged)
    Assignment.objects.filter(id=first.id).update(expires_at=first.leased_at)
    answers = {task.id: {"sentiment": "negative"} for task in [first, *others]}

    response = _post(client, paged, answers)

    told = [str(message) for message in response.wsgi_request._messages]
    assert response.status_code == 302
    assert told == [
        "답 2개를 제출했습니다. 다음 페이지입니다.",
        "페이지를 제출하기 전에 항목 1개의 제한 시간이 지났습니다. 입력한 답은 임시 저장해 두었습니다.",
    ]
    assert Assignment.objects.get(id=first.id).draft == {"sentiment": "negative"}
    assert Annotation.objects.filter(author=paged.labeler).count() == 2
