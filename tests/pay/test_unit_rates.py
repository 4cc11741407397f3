"""Work that holds more pays more: a rate per box or span drawn, per second of audio, per character written,
on top of the rate per item."""

import pytest

from datadam.labeling import services as labeling
from datadam.pay.models import LedgerEntry, UnitRate
from datadam.pay.units import piece_amount
from datadam.projects.models import Project
from datadam.review import services as review
from tests.conftest import client_for

TRANSCRIPT_SCHEMA = {
    "controls": [
        {"type": "choices", "name": "sentiment", "labels": ["positive", "negative"]},
        {"type": "text", "name": "summary", "required": False},
    ]
}


@pytest.fixture
def summary_project(cast):
    Project.objects.filter(id=cast.project.id).update(schema=TRANSCRIPT_SCHEMA, rate_per_item=100)
    cast.project.refresh_from_db()
    return cast


def test_boxes_and_audio_seconds_add_their_rates_to_the_rate_per_item() -> None:
    rates = [
        UnitRate(control="objects", unit="object", rate=15),
        UnitRate(control="speech", unit="audio_second", rate=4),
        UnitRate(control="speech", unit="character", rate=1),
    ]
    result = {
        "objects": [{"id": "b1"}, {"id": "b2"}, {"id": "b3"}],
        "speech": [{"start": 0.5, "end": 3.0, "text": "안녕하세요"}, {"start": 4.0, "end": 6.5, "text": "네"}],
    }

    # 50 + 3 boxes × 15 + 5.0 s × 4 + 6 characters × 1
    assert piece_amount(rate_per_item=50, unit_rates=rates, result=result) == 50 + 45 + 20 + 6


def test_a_missing_or_oddly_shaped_value_counts_as_no_units() -> None:
    rates = [UnitRate(control="objects", unit="object", rate=15), UnitRate(control="note", unit="character", rate=2)]

    assert piece_amount(rate_per_item=70, unit_rates=rates, result={"objects": "not a list"}) == 70


def test_a_manager_sets_a_character_rate_on_the_page_and_accepted_work_earns_it(summary_project) -> None:
    cast = summary_project
    saved = client_for(cast.manager).post(
        f"/pay/projects/{cast.project.id}/rates/", {"control": "summary", "unit": "character", "rate": "2"}
    )
    lease = labeling.assignment_lease_next(actor=cast.labeler, project=cast.project)
    answer = {"sentiment": "positive", "summary": "배우 연기가 좋다"}  # 9 characters
    annotation, _created = labeling.annotation_submit(actor=cast.labeler, assignment_id=lease.id, result=answer)

    review.review_accept(actor=cast.reviewer, annotation_id=annotation.id)

    assert saved.status_code == 302
    assert LedgerEntry.objects.get(worker=cast.labeler, kind="earning").amount == 100 + 2 * 9


def test_a_rate_per_object_on_a_free_text_control_is_refused_with_the_reason(summary_project) -> None:
    cast = summary_project

    response = client_for(cast.manager).post(
        f"/pay/projects/{cast.project.id}/rates/", {"control": "summary", "unit": "object", "rate": "10"}
    )

    assert response.status_code == 422
    assert "text" in response.content.decode()
    assert not UnitRate.objects.exists()


def test_a_rate_of_zero_removes_it(summary_project) -> None:
    cast, client = summary_project, client_for(summary_project.manager)
    path = f"/pay/projects/{cast.project.id}/rates/"

    client.post(path, {"control": "summary", "unit": "character", "rate": "3"})
    client.post(path, {"control": "summary", "unit": "character", "rate": "0"})

    assert not UnitRate.objects.filter(project=cast.project).exists()


def test_labelers_and_other_organizations_cannot_open_the_rates_page(cast) -> None:
    answers = [
        client_for(person).get(f"/pay/projects/{cast.project.id}/rates/") for person in (cast.labeler, cast.manager_b)
    ]

    assert [answer.status_code for answer in answers] == [404, 404]
