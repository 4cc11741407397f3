"""Drafts are autosaved while a labeler works, and survive a reload."""

from datetime import timedelta

import pytest
from django.utils import timezone

from datadam.core.errors import Conflict, Invalid, LeaseExpired
from datadam.labeling import services
from datadam.labeling.models import Assignment
from tests.conftest import client_for


def test_a_draft_is_saved_and_shown_again_on_the_task_page(cast) -> None:
    lease = services.assignment_lease_next(actor=cast.labeler, project=cast.project)
    client = client_for(cast.labeler)

    saved = client.put(
        f"/api/v1/assignments/{lease.id}/draft", {"result": {"sentiment": "negative"}}, content_type="application/json"
    )
    page = client.get(f"/projects/{cast.project.id}/tasks/{lease.id}/")

    assert saved.status_code == 200 and saved.json()["draft"] == {"sentiment": "negative"}
    assert 'value="negative" data-hotkey="2" aria-keyshortcuts="2" checked' in page.content.decode()


def test_a_draft_after_submit_is_refused_and_changes_nothing(cast) -> None:
    lease = services.assignment_lease_next(actor=cast.labeler, project=cast.project)
    services.annotation_submit(actor=cast.labeler, assignment_id=lease.id, result={"sentiment": "positive"})

    with pytest.raises(Conflict):
        services.assignment_draft_save(actor=cast.labeler, assignment_id=lease.id, result={"sentiment": "negative"})

    assert Assignment.objects.get(id=lease.id).draft is None


def test_a_draft_on_a_run_out_lease_is_kept_and_the_labeler_is_told(cast) -> None:
    lease = services.assignment_lease_next(actor=cast.labeler, project=cast.project)
    Assignment.objects.filter(id=lease.id).update(expires_at=timezone.now() - timedelta(seconds=1))

    with pytest.raises(LeaseExpired):
        services.assignment_draft_save(actor=cast.labeler, assignment_id=lease.id, result={"note": "반쯤 씀"})

    assert Assignment.objects.get(id=lease.id).draft == {"note": "반쯤 씀"}


def test_a_draft_with_a_nul_character_is_refused(cast) -> None:
    lease = services.assignment_lease_next(actor=cast.labeler, project=cast.project)

    with pytest.raises(Invalid):
        services.assignment_draft_save(actor=cast.labeler, assignment_id=lease.id, result={"note": "\x00"})


def test_draft_api_for_another_labelers_task_is_404(cast) -> None:
    lease = services.assignment_lease_next(actor=cast.labeler, project=cast.project)

    response = client_for(cast.labeler2).put(
        f"/api/v1/assignments/{lease.id}/draft", {"result": {}}, content_type="application/json"
    )

    assert response.status_code == 404
