"""An item's path as one timeline: the manager sees every step with names; the labeler sees their own part of
it, never another worker's name, and only on items they worked on."""

import pytest

from datadam.labeling import services as labeling
from datadam.projects.models import Project
from datadam.review import history, services
from tests.chain import SENIOR_REASONS, add_second_stage, add_senior, overturned_at_second_stage
from tests.conftest import client_for
from tests.review.conftest import submitted

REASON = "라벨이 틀렸습니다 (wrong label)"


@pytest.fixture(autouse=True)
def _english():
    from django.utils import translation

    with translation.override("en"):
        yield


def _sent_back_and_reworked(cast, reviewer2):
    cast.project.pay_on = Project.PayOn.SUBMIT
    cast.project.save(update_fields=["pay_on"])
    first = submitted(cast, answer="positive")
    services.review_reject(actor=cast.reviewer, annotation_id=first.id, reason=REASON)
    lease = labeling.assignment_lease_next(actor=cast.labeler, project=cast.project)
    labeling.assignment_draft_save(actor=cast.labeler, assignment_id=lease.id, result={"sentiment": "negative"})
    rework, _created = labeling.annotation_submit(
        actor=cast.labeler, assignment_id=lease.id, result={"sentiment": "negative"}
    )
    services.review_correct(actor=reviewer2, annotation_id=rework.id, result={"sentiment": "positive"})
    return first


def test_the_manager_sees_every_step_of_the_item_with_names(cast, reviewer2) -> None:
    first = _sent_back_and_reworked(cast, reviewer2)

    _item, steps = history.item_history_for_manager(
        actor=cast.manager, project_id=cast.project.id, item_id=first.item_id
    )

    kinds = [step.kind for step in steps]
    for kind in ("lease", "draft", "submit", "reject", "correct", "correction"):
        assert kind in kinds, kind
    assert kinds.index("submit") < kinds.index("reject")
    rejected = next(step for step in steps if step.kind == "reject")
    assert rejected.who == cast.reviewer.username and REASON in rejected.detail
    assert {step.who for step in steps} >= {cast.labeler.username, reviewer2.username}


def test_the_labeler_sees_their_own_path_without_other_names(cast, reviewer2) -> None:
    first = _sent_back_and_reworked(cast, reviewer2)

    page = client_for(cast.labeler).get(f"/projects/{cast.project.id}/my-items/{first.assignment_id}/")

    html = page.content.decode()
    assert page.status_code == 200 and REASON in html and 'data-kind="reject"' in html
    assert f"· {cast.reviewer.username}" not in html and f"· {cast.labeler.username}" in html  # only their name
    assert (
        f"/my-items/{first.assignment_id}/"
        in client_for(cast.labeler).get(f"/projects/{cast.project.id}/my-items/").content.decode()
    )


def test_nobody_else_sees_the_items_path(cast, reviewer2) -> None:
    first = _sent_back_and_reworked(cast, reviewer2)
    mine = f"/projects/{cast.project.id}/my-items/{first.assignment_id}/"
    managers = f"/projects/{cast.project.id}/items/{first.item_id}/history/"

    assert client_for(cast.labeler2).get(mine).status_code == 404  # not their task
    assert client_for(cast.manager_b).get(mine).status_code == 404
    assert client_for(cast.labeler).get(managers).status_code == 404
    assert client_for(cast.manager_b).get(managers).status_code == 404
    assert client_for(cast.manager).get(managers).status_code == 200
    found = client_for(cast.manager).get(f"/projects/{cast.project.id}/items/history/?item={first.item_id}")
    assert found.url == managers


def test_an_overturn_shows_at_its_stage_with_the_reversal_on_both_views(cast) -> None:
    cast.project.pay_on = Project.PayOn.ACCEPT
    cast.project.rate_per_item = 100
    cast.project.save(update_fields=["pay_on", "rate_per_item"])
    add_second_stage(cast.project)
    senior = add_senior(cast.project)
    work = overturned_at_second_stage(cast, senior)

    _item, steps = history.item_history_for_manager(
        actor=cast.manager, project_id=cast.project.id, item_id=work.item_id
    )
    _item, own = history.item_history_for_labeler(
        actor=cast.labeler, project_id=cast.project.id, assignment_id=work.assignment_id
    )

    overturned = next(step for step in steps if step.kind == "overturned")
    assert overturned.who == cast.reviewer.username and "First inspection" in overturned.text
    sent_back = next(step for step in steps if step.kind == "reject")
    assert sent_back.text.startswith("2차 검수") and SENIOR_REASONS[1] in sent_back.detail
    assert [step.kind for step in steps].index("earning") < [step.kind for step in steps].index("reversal")
    reversal = next(step for step in own if step.kind == "reversal")
    assert reversal.who == "" and SENIOR_REASONS[1] in reversal.detail
    assert {step.who for step in own} == {cast.labeler.username, ""}
