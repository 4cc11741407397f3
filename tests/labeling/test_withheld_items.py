"""An item reported for personal data is held back from everyone at once: reviewers, exports, releases and
its media links leave it out, and only the project's managers still see it, to decide. Released, everything
comes back; removed, it stays out."""

import importlib
import io

import pytest
from django.apps import apps as django_apps

from datadam.core.errors import Gone
from datadam.labeling import reports
from datadam.labeling import services as labeling
from datadam.labeling.models import ItemReport
from datadam.media import links
from datadam.media import services as media_services
from datadam.projects.models import Item
from datadam.releases.exporters import FORMATS
from datadam.review import services as review
from datadam.review import work_queue
from tests import factories
from tests.conftest import client_for
from tests.media.conftest import png_bytes
from tests.releases.conftest import cut_and_build

NAME = "홍길동 010-1234-5678"
HELD_BACK = "관리자가 신고를 확인하는 동안 이 항목은 보류됩니다."  # pages speak Korean unless asked otherwise


@pytest.fixture
def story(cast):
    """A face photo with a name (three labelers) and a plain item. The first labeler's answers are accepted,
    the second labeler's answer on the photo waits for review, and the third labeler holds it now."""
    Item.objects.filter(project=cast.project).delete()
    photo = media_services.media_file_store(project=cast.project, name="face.png", stream=io.BytesIO(png_bytes()))
    held = factories.ItemFactory(project=cast.project, target_overlap=3, data={"text": NAME, "image": photo.reference})
    cast.plain = factories.ItemFactory(project=cast.project, target_overlap=1, data={"text": "맑은 하늘"})
    for _ in range(2):
        lease = labeling.assignment_lease_next(actor=cast.labeler, project=cast.project)
        annotation, _ = labeling.annotation_submit(
            actor=cast.labeler, assignment_id=lease.id, result={"sentiment": "positive"}
        )
        review.review_accept(actor=cast.reviewer, annotation_id=annotation.id)
    lease = labeling.assignment_lease_next(actor=cast.labeler2, project=cast.project)
    waiting, _ = labeling.annotation_submit(
        actor=cast.labeler2, assignment_id=lease.id, result={"sentiment": "negative"}
    )
    third = factories.ProjectMembershipFactory(project=cast.project).user
    holding = labeling.assignment_lease_next(actor=third, project=cast.project)
    assert holding.item_id == held.id and waiting.item_id == held.id
    return held, photo, waiting, third, holding


def _export(cast) -> str:
    return "".join(FORMATS["jsonl"].rows(cast.project, "all"))


def _photo(person, photo) -> int:
    return client_for(person).get(links.media_url(media_id=photo.id, user_id=person.id)).status_code


def _waiting_for(cast) -> int:
    return sum(row.waiting for row in work_queue.review_queue(actor=cast.reviewer))


def test_a_personal_data_report_hides_the_item_from_everyone_but_the_managers_until_released(cast, story) -> None:
    held, photo, waiting, third, holding = story
    assert NAME in _export(cast) and _photo(cast.reviewer, photo) == 200 and _waiting_for(cast) == 1

    report = reports.item_report(actor=third, assignment_id=holding.id, reason="personal_data")

    page = client_for(cast.reviewer).get(f"/projects/{cast.project.id}/review/{waiting.id}/")
    assert page.status_code == 410 and HELD_BACK in page.content.decode()
    assert NAME not in page.content.decode()
    assert _waiting_for(cast) == 0 and work_queue.review_next(actor=cast.reviewer, project=cast.project) is None
    with pytest.raises(Gone):
        review.review_accept(actor=cast.reviewer, annotation_id=waiting.id)
    assert NAME not in _export(cast) and "맑은 하늘" in _export(cast)
    assert _photo(cast.reviewer, photo) == 410 and _photo(cast.labeler2, photo) == 410
    assert _photo(cast.manager, photo) == 200  # the manager looks before deciding
    release = cut_and_build(cast)
    assert set(release.entries.values_list("item_id", flat=True)) == {cast.plain.id}
    assert release.report["held_back"] == 1
    report_page = client_for(cast.manager).get(f"/projects/{cast.project.id}/releases/{release.id}/report/")
    assert "관리자가 신고를 확인하는 동안 보류된 항목" in report_page.content.decode()

    client_for(cast.manager).post(f"/projects/{cast.project.id}/reports/{report.id}/release/")

    assert NAME in _export(cast) and _photo(cast.reviewer, photo) == 200 and _waiting_for(cast) == 1
    assert work_queue.review_next(actor=cast.reviewer, project=cast.project).id == waiting.id
    assert client_for(cast.reviewer).get(f"/projects/{cast.project.id}/review/{waiting.id}/").status_code == 200
    again = cut_and_build(cast, "v1.0.1")
    assert held.id in set(again.entries.values_list("item_id", flat=True)) and again.report["held_back"] == 0


def test_a_removed_item_stays_out_for_good(cast, story) -> None:
    held, photo, waiting, third, holding = story
    report = reports.item_report(actor=third, assignment_id=holding.id, reason="personal_data")

    reports.item_report_decide(actor=cast.manager, project_id=cast.project.id, report_id=report.id, remove=True)

    assert NAME not in _export(cast) and _waiting_for(cast) == 0
    assert _photo(cast.labeler, photo) == 410 and _photo(cast.manager, photo) == 200
    assert client_for(cast.reviewer).get(f"/projects/{cast.project.id}/review/{waiting.id}/").status_code == 410


def test_a_labeler_sent_back_to_rework_a_held_item_gets_the_plain_page_and_other_work(cast, story) -> None:
    held, photo, waiting, third, holding = story
    review.review_reject(actor=cast.reviewer, annotation_id=waiting.id, comment="다시 보세요")
    rework = labeling.assignment_lease_next(actor=cast.labeler2, project=cast.project)
    assert rework.item_id == held.id
    reports.item_report(actor=third, assignment_id=holding.id, reason="personal_data")

    page = client_for(cast.labeler2).get(f"/projects/{cast.project.id}/tasks/{rework.id}/")

    assert page.status_code == 410 and NAME not in page.content.decode()
    api = client_for(cast.labeler2)
    assert api.get(f"/api/v1/assignments/{rework.id}").status_code == 410
    answer = {"result": {"sentiment": "positive"}}
    sent = api.post(f"/api/v1/assignments/{rework.id}/submit", answer, content_type="application/json")
    assert sent.status_code == 410 and sent.json()["detail"] == HELD_BACK
    assert labeling.assignment_lease_next(actor=cast.labeler2, project=cast.project) is None  # nothing else open


def test_an_item_held_back_before_the_upgrade_is_marked_withheld_by_the_migration(cast, story) -> None:
    held, photo, waiting, third, holding = story
    reports.item_report(actor=third, assignment_id=holding.id, reason="personal_data")
    Item.objects.filter(id=held.id).update(withheld_since=None)  # as the upgrade finds it
    step = importlib.import_module("datadam.labeling.migrations.0006_hold_back_reported_items")

    step.mark_withheld(django_apps, None)

    held.refresh_from_db()
    assert held.withheld_since == ItemReport.objects.get().created_at
    assert Item.objects.filter(withheld_since__isnull=False).count() == 1 and _waiting_for(cast) == 0
