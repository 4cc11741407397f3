"""Quality pages and API: the manager's table, agreement page, a worker's own figures, outsiders get 404."""

import json

from datadam.quality import selectors, services
from datadam.quality.models import QualityPolicy, WorkerPause
from datadam.review.services import review_accept, review_reject
from tests.conftest import client_for
from tests.quality.conftest import answer
from tests.quality.test_consensus_and_inspection import overlapped  # noqa: F401 - fixture


def test_manager_sees_the_worker_table_sorted_and_filtered(cast, overlapped) -> None:  # noqa: F811
    services.worker_pause(project=cast.project, worker=cast.labeler2, reason="테스트 사유")
    client = client_for(cast.manager)
    page = client.get(f"/projects/{cast.project.id}/quality/?sort=-answers")
    assert page.status_code == 200
    assert cast.labeler.username.encode() in page.content and "테스트 사유" in page.content.decode()
    flagged = client.get(f"/projects/{cast.project.id}/quality/?flagged=1")
    assert f'worker-row-{cast.labeler2.username}"'.encode() in flagged.content
    assert f'worker-row-{cast.labeler.username}"'.encode() not in flagged.content


POLICY_FORM = {
    "honeypot_share": "10", "min_gold_answers": "3", "accuracy_floor": "70", "flag_action": "pause",
    "speed_ratio": "25", "constant_share": "95", "burst_count": "20", "burst_seconds": "60",
    "agreement_threshold": "50", "max_overlap": "5", "aggregation_method": "ds", "inspection": "sampling",
    "lot_size": "50", "inspection_level": "II", "aql": "2.5", "review_gold_share": "0", "reviewer_floor": "70",
    "min_reviewer_verdicts": "10",
}  # fmt: skip


def test_manager_saves_the_policy_in_percent_and_lifts_a_pause(cast) -> None:
    client = client_for(cast.manager)
    assert client.post(f"/projects/{cast.project.id}/quality/", POLICY_FORM).status_code == 302
    policy = QualityPolicy.objects.get(project=cast.project)
    assert (policy.honeypot_share, policy.accuracy_floor, policy.aggregation_method, policy.inspection) == (
        0.1, 0.7, "ds", "sampling"
    )
    services.worker_pause(project=cast.project, worker=cast.labeler, reason="x")
    client.post(f"/projects/{cast.project.id}/quality/workers/{cast.labeler.id}/lift/")
    assert not WorkerPause.objects.filter(lifted_at__isnull=True).exists()


def test_gold_item_is_added_from_the_page(cast) -> None:
    client = client_for(cast.manager)
    client.post(
        f"/projects/{cast.project.id}/quality/gold/",
        {"data": '{"text": "좋아요"}', "answer": '{"sentiment": "positive"}', "explanation": ""},
    )
    assert cast.project.gold_items.count() == 1


def test_agreement_page_shows_alpha_and_the_kappa_matrix(cast, overlapped) -> None:  # noqa: F811
    page = client_for(cast.manager).get(f"/projects/{cast.project.id}/quality/agreement/")
    assert b'data-testid="kappa-matrix"' in page.content and b'data-testid="alpha"' in page.content


def test_agreement_without_overlap_says_so_on_the_page_and_in_the_api(cast) -> None:
    answer(cast, cast.labeler, "positive")
    client = client_for(cast.manager)
    page = client.get(f"/projects/{cast.project.id}/quality/agreement/")
    assert "중복 작업(overlap ≥ 2)이 필요합니다" in page.content.decode()  # Korean by default
    response = client.get(f"/api/v1/projects/{cast.project.id}/quality/agreement", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 422 and "needs overlap ≥ 2" in response.json()["detail"]


def test_api_worker_list_and_policy_patch(cast, overlapped) -> None:  # noqa: F811
    client = client_for(cast.manager)
    rows = client.get(f"/api/v1/projects/{cast.project.id}/quality/workers?sort=-answers").json()
    assert rows[0]["answers"] == 2
    response = client.patch(
        f"/api/v1/projects/{cast.project.id}/quality/policy",
        json.dumps({"aggregation_method": "nope"}),
        content_type="application/json",
    )
    assert response.status_code == 422
    agreement = client.get(f"/api/v1/projects/{cast.project.id}/quality/agreement").json()
    assert agreement["controls"][0]["pairs"] and set(agreement["controls"][0]["labels"]) == {"positive", "negative"}


def test_worker_sees_their_own_quality_and_pause_reason(cast) -> None:
    answer(cast, cast.labeler, "positive")
    services.worker_pause(project=cast.project, worker=cast.labeler, reason="확인 문항 정답률이 낮습니다.")
    page = client_for(cast.labeler).get(f"/projects/{cast.project.id}/quality/mine/")
    assert "확인 문항 정답률이 낮습니다." in page.content.decode()
    mine = client_for(cast.labeler).get(f"/api/v1/projects/{cast.project.id}/quality/mine").json()
    assert mine["submitted"] == 1 and mine["paused"] == "확인 문항 정답률이 낮습니다."
    start = client_for(cast.labeler).get(f"/projects/{cast.project.id}/label/")
    assert start.status_code == 403 and "확인 문항 정답률이 낮습니다." in start.content.decode()


def test_outsiders_and_labelers_get_404_for_manager_pages(cast) -> None:
    for person in (cast.outsider, cast.labeler):
        assert client_for(person).get(f"/projects/{cast.project.id}/quality/").status_code == 404
        assert client_for(person).get(f"/api/v1/projects/{cast.project.id}/quality/workers").status_code == 404
    assert client_for(cast.outsider).get(f"/projects/{cast.project.id}/quality/mine/").status_code == 404


def test_manager_promotes_accepted_work_to_gold_from_the_page(cast) -> None:
    from datadam.review.services import review_accept, review_claim_next

    annotation = answer(cast, cast.labeler, "negative")
    review_accept(actor=cast.reviewer, annotation_id=review_claim_next(actor=cast.reviewer, project=cast.project).id)
    client = client_for(cast.manager)
    client.post(f"/projects/{cast.project.id}/quality/gold/promote/", {"item_id": str(annotation.item_id)})
    assert cast.project.gold_items.get().answer == {"sentiment": "negative"}
    page = client.post(f"/projects/{cast.project.id}/quality/gold/promote/", {"item_id": "abc"}, follow=True)
    assert page.status_code == 200 and cast.project.gold_items.count() == 1


def test_gold_file_is_uploaded_from_the_page(cast) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    content = '{"data": {"text": "최고"}, "answer": {"sentiment": "positive"}}\n'.encode()
    client_for(cast.manager).post(
        f"/projects/{cast.project.id}/quality/gold/upload/",
        {"file": SimpleUploadedFile("gold.jsonl", content, content_type="application/jsonl")},
    )
    assert cast.project.gold_items.count() == 1


def test_api_lifts_a_pause(cast) -> None:
    services.worker_pause(project=cast.project, worker=cast.labeler, reason="x")
    response = client_for(cast.manager).post(
        f"/api/v1/projects/{cast.project.id}/quality/workers/{cast.labeler.id}/lift"
    )
    assert response.json() == {"lifted": 1}
    assert (
        client_for(cast.outsider)
        .post(f"/api/v1/projects/{cast.project.id}/quality/workers/{cast.labeler.id}/lift")
        .status_code
        == 404
    )


def test_a_labeler_sees_how_reviewers_judged_their_work_and_why(cast) -> None:
    kept, sent_back = answer(cast, cast.labeler, "positive"), answer(cast, cast.labeler, "negative")
    review_accept(actor=cast.reviewer, annotation_id=kept.id)
    review_reject(actor=cast.reviewer, annotation_id=sent_back.id, comment="다시 읽어 보세요")

    feedback = selectors.worker_quality_get(project=cast.project, worker=cast.labeler)["feedback"]

    assert (feedback["accepted"], feedback["rejected"], feedback["corrected"]) == (1, 1, 0)
    assert [entry["comment"] for entry in feedback["recent"]] == ["다시 읽어 보세요"]
