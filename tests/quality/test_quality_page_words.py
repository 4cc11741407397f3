"""The manager's quality page reads in plain words: names on one line, gold answers as labels, percentages
with their intervals, and settings as named choices with a line of explanation, all in Korean."""

from datadam.quality import services
from datadam.quality.models import QualityPolicy
from tests.conftest import client_for
from tests.quality.conftest import answer
from tests.quality.test_pages_and_api import POLICY_FORM


def _page(cast) -> str:
    return client_for(cast.manager).get(f"/projects/{cast.project.id}/quality/").content.decode()


def test_gold_answers_show_as_the_labels_they_are(cast) -> None:
    services.gold_item_create(
        actor=cast.manager, project=cast.project, data={"text": "배송이 너무 늦어요"}, answer={"sentiment": "negative"}
    )

    page = _page(cast)

    assert "{&#x27;sentiment&#x27;" not in page and "{'sentiment'" not in page
    assert 'data-testid="gold-row"' in page and "배송이 너무 늦어요" in page
    assert "negative" in page or "부정" in page


def test_accuracy_shows_a_percentage_with_its_interval_and_count(cast, gold) -> None:
    QualityPolicy.objects.update_or_create(project=cast.project, defaults={"honeypot_share": 1.0})
    answer(cast, cast.labeler, "positive")
    answer(cast, cast.labeler, "negative")

    row = _page(cast).split(f'data-testid="worker-row-{cast.labeler.username}"')[1].split("</tr>")[0]

    assert 'class="name"' in row and "50% (" in row and "%, 답 2개)" in row


def test_settings_are_named_choices_with_explanations_and_no_codes(cast) -> None:
    page = _page(cast)

    assert "Inspection:" not in page and "검수 방법" in page
    assert ">II<" not in page and "II: 보통 쓰는 수준 (권장)" in page
    assert '<option value="ds"' in page and ">ds<" not in page and ">mv<" not in page
    assert page.count('<fieldset>') >= 4 and "작업자가 받는 항목 100개 중" in page


def test_a_share_outside_its_range_is_refused_with_the_percent_in_the_message(cast) -> None:
    response = client_for(cast.manager).post(
        f"/projects/{cast.project.id}/quality/", POLICY_FORM | {"honeypot_share": "80"}
    )

    assert response.status_code == 422 and "50" in response.content.decode()
    assert not QualityPolicy.objects.filter(project=cast.project).exists()
