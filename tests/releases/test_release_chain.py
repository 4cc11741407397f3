"""With two inspection stages, a release holds only work accepted at the last stage, and its quality report
names the stages each released item passed."""

import json

import pytest

from datadam.releases import services
from datadam.review import services as review
from tests.chain import add_second_stage, add_senior, overturned_at_second_stage, submit
from tests.conftest import client_for
from tests.releases.conftest import cut_and_build


@pytest.fixture
def chained(cast):
    add_second_stage(cast.project)
    senior = add_senior(cast.project)
    both = submit(cast.labeler, cast.project)
    review.review_accept(actor=cast.reviewer, annotation_id=both.id)
    review.review_accept(actor=senior, annotation_id=both.id)
    first_only = submit(cast.labeler, cast.project, answer="negative")
    review.review_accept(actor=cast.reviewer, annotation_id=first_only.id)
    overturned = overturned_at_second_stage(cast, senior)
    return both, first_only, overturned


def test_a_release_holds_only_items_accepted_at_the_last_stage(cast, chained) -> None:
    both, _first_only, _overturned = chained

    release = cut_and_build(cast)

    assert list(release.entries.values_list("item_id", flat=True)) == [both.item_id]
    exported = "".join(services.export_stream(actor=cast.manager, project=cast.project)).splitlines()
    assert [json.loads(line)["item"]["id"] for line in exported] == [both.item_id]


def test_the_quality_report_names_the_stages_each_item_passed(cast, chained) -> None:
    both, _first_only, _overturned = chained

    release = cut_and_build(cast)

    inspection = release.report["inspection"]
    assert [(stage["position"], stage["name"]) for stage in inspection["stages"]][1] == (2, "2차 검수")
    (path,) = inspection["paths"]
    assert [(step["position"], step["how"]) for step in path["passed"]] == [(1, "inspected"), (2, "inspected")]
    assert (path["count"], path["items"]) == (1, [both.item.external_id or str(both.item_id)])
    accuracy = release.report["semantic_accuracy"]  # per piece of work, whatever the stages that judged it
    assert (accuracy["accepted"], accuracy["inspected"]) == (2, 3)
    page = client_for(cast.manager).get(f"/projects/{cast.project.id}/releases/{release.id}/report/")
    assert page.status_code == 200
    assert 'data-testid="report-inspection"' in page.content.decode() and "2차 검수" in page.content.decode()
