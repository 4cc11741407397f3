"""Collection pages: a manager sets one up, a worker answers by upload, a reviewer rejects with a reason."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from datadam.media import collect
from datadam.media.models import CollectionTask, Contribution
from tests.conftest import client_for
from tests.factories import ProjectMembershipFactory
from tests.media.conftest import wav_bytes

pytestmark = pytest.mark.django_db


def test_manager_sets_up_a_collection_worker_answers_and_reviewer_rejects(cast) -> None:
    manager = client_for(cast.manager)
    assert manager.get(reverse("media:collect_new")).status_code == 200
    response = manager.post(
        reverse("media:collect_new"),
        {
            "organization": cast.project.organization_id,
            "name": "사투리 녹음",
            "kind": "audio",
            "prompts": "밥 먹었나\n어디 가노\n",
            "consent_text": "동의합니다",
            "target_project": cast.project.id,
            "max_seconds": 20,
        },
    )
    assert response.status_code == 302
    task = CollectionTask.objects.get(project__name="사투리 녹음")
    ProjectMembershipFactory(project=task.project, user=cast.labeler)
    ProjectMembershipFactory(project=task.project, user=cast.reviewer, role="reviewer")
    worker = client_for(cast.labeler)
    page = worker.get(reverse("media:collect", args=[task.id]))
    assert "밥 먹었나" in page.content.decode()
    prompt_id = page.context["prompt"].id
    no_consent = worker.post(
        reverse("media:collect", args=[task.id]),
        {"prompt_id": prompt_id, "file": SimpleUploadedFile("a.wav", wav_bytes())},
    )
    assert no_consent.status_code == 422 and not Contribution.objects.exists()
    sent = worker.post(
        reverse("media:collect", args=[task.id]),
        {"prompt_id": prompt_id, "file": SimpleUploadedFile("a.wav", wav_bytes()), "consent": "on"},
    )
    assert sent.status_code == 302
    reviewer = client_for(cast.reviewer)
    review_page = reviewer.get(reverse("media:collect_review", args=[task.id])).content.decode()
    assert "/files/" in review_page
    contribution = Contribution.objects.get()
    reviewer.post(reverse("media:contribution_review", args=[contribution.id]), {"verdict": "reject", "reason": "잡음"})
    contribution.refresh_from_db()
    assert contribution.status == "rejected" and contribution.reason == "잡음"
    assert "잡음" in worker.get(reverse("media:collect", args=[task.id])).content.decode()


def test_outsider_gets_404_from_collection_pages(cast) -> None:

    task = collect.collection_create(
        actor=cast.manager,
        organization=cast.project.organization,
        name="x",
        kind="image",
        consent_text="ok",
        prompts=["a"],
    )
    outsider = client_for(cast.outsider)
    assert outsider.get(reverse("media:collect", args=[task.id])).status_code == 404
    assert outsider.get(reverse("media:collect_review", args=[task.id])).status_code == 404
    assert "x" not in [row.project.name for row in outsider.get(reverse("media:collect_list")).context["collections"]]
