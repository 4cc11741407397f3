"""A worker's career record, and the public link they turn on and off."""

import pytest
from django.test import Client

from datadam.academy.models import Qualification
from datadam.careers import selectors, services
from datadam.core.errors import NotFound
from datadam.labeling import services as labeling
from datadam.labeling.models import Annotation
from tests.conftest import Cast, client_for

pytestmark = pytest.mark.django_db


def submit(cast: Cast, worker, seconds: int) -> Annotation:
    lease = labeling.assignment_lease_next(actor=worker, project=cast.project)
    annotation, _created = labeling.annotation_submit(
        actor=worker, assignment_id=lease.id, result={"sentiment": "positive"}
    )
    Annotation.objects.filter(id=annotation.id).update(active_seconds=seconds)
    return annotation


def test_record_counts_accepted_items_hours_and_accuracy(cast: Cast) -> None:
    Qualification.objects.create(user=cast.labeler, data_type="text", role="labeler")
    first, second, third = (submit(cast, cast.labeler, 1800) for _ in range(3))
    Annotation.objects.filter(id__in=[first.id, second.id]).update(status="accepted")
    Annotation.objects.filter(id=third.id).update(status="rejected")
    submit(cast, cast.labeler2, 999)  # someone else's work counts for nobody here

    record = selectors.career_record(person=cast.labeler)

    assert (record["accepted"], record["reviewed"]) == (2, 3)
    assert record["accuracy"] == pytest.approx(2 / 3)
    assert record["active_hours"] == 1.5
    assert [q.data_type for q in record["qualifications"]] == ["text"]
    [project] = record["projects"]
    assert project["membership"].project == cast.project and project["accepted"] == 2


def test_record_with_no_reviewed_work_has_no_accuracy(cast: Cast) -> None:
    submit(cast, cast.labeler, 60)

    assert selectors.career_record(person=cast.labeler)["accuracy"] is None


def test_worker_turns_the_link_on_anyone_can_verify_it_then_off_is_404(cast: Cast) -> None:
    submit(cast, cast.labeler, 60)
    worker = client_for(cast.labeler)

    worker.post("/careers/me/share/", {"enabled": "on"})
    code = selectors.share_of(actor=cast.labeler).code
    shown = Client().get("/careers/verify/", {"code": code})
    worker.post("/careers/me/share/", {})
    hidden = Client().get("/careers/verify/", {"code": code})

    assert shown.status_code == 200 and cast.project.name in shown.content.decode()
    assert hidden.status_code == 404 and cast.project.name not in hidden.content.decode()


def test_turning_the_link_on_again_gives_a_new_code(cast: Cast) -> None:
    old = services.career_share_set(actor=cast.labeler, enabled=True).code
    services.career_share_set(actor=cast.labeler, enabled=False)
    new = services.career_share_set(actor=cast.labeler, enabled=True).code

    assert old != new
    with pytest.raises(NotFound):
        selectors.career_record_shared(code=old)


def test_unknown_code_is_404_and_no_code_shows_the_form(cast: Cast) -> None:
    assert Client().get("/careers/verify/", {"code": "nope"}).status_code == 404
    assert Client().get("/careers/verify/").status_code == 200


def test_own_record_page_needs_log_in(cast: Cast) -> None:
    assert Client().get("/careers/me/").status_code == 302
    assert client_for(cast.labeler).get("/careers/me/").status_code == 200
