"""A manager sets the project's inspection chain on its stages page: adds a second stage held by senior
reviewers, with its own reasons, pay per verdict and sampling, and the pay policy for overturned work. A stage
with work waiting at it is not removed."""

import pytest
from django.utils import translation

from datadam.core.errors import Invalid, NotFound
from datadam.projects.models import InspectionStage, Project
from datadam.review import services
from datadam.review.stage_settings import StageSpec, inspection_stages_set
from tests.chain import add_second_stage, add_senior, submit
from tests.conftest import client_for

SECOND = StageSpec(name="2차 검수", role="senior_reviewer", reasons=["경계가 틀렸습니다", " ", "경계가 틀렸습니다"])


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _row(**fields) -> dict:
    values = {"name": "", "role": "senior_reviewer", "mode": "full", "lot_by": "labeler", "reasons": "",
              "rate_per_review": "0"} | fields  # fmt: skip
    return values


def _post(rows: list[dict], initial: int = 0, overturn_pay: str = "reverse") -> dict:
    data = {"stage-TOTAL_FORMS": str(len(rows)), "stage-INITIAL_FORMS": str(initial), "overturn_pay": overturn_pay}
    for index, row in enumerate(rows):
        data |= {f"stage-{index}-{key}": value for key, value in row.items()}
    return data


def test_a_manager_adds_a_second_stage_and_the_reasons_are_cleaned(cast) -> None:
    inspection_stages_set(actor=cast.manager, project=cast.project, later=[SECOND], overturn_pay="half")

    stage = InspectionStage.objects.get(project=cast.project)
    assert (stage.position, stage.role, stage.reasons) == (2, "senior_reviewer", ["경계가 틀렸습니다"])
    assert Project.objects.get(id=cast.project.id).overturn_pay == "half"


def test_a_reviewer_or_an_outsider_cannot_set_the_stages(cast) -> None:
    for person in (cast.reviewer, cast.outsider):
        with pytest.raises(NotFound):
            inspection_stages_set(actor=person, project=cast.project, later=[SECOND], overturn_pay="keep")
    assert not InspectionStage.objects.exists()


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        (StageSpec(name="", role="senior_reviewer", reasons=["x"]), "needs a name"),
        (StageSpec(name="2차", role="labeler", reasons=["x"]), "reviewers or senior reviewers"),
        (StageSpec(name="2차", role="senior_reviewer", reasons=[]), "at least one reason"),
        (StageSpec(name="2차", role="senior_reviewer", reasons=["x"], rate_per_review=10**7), "from 0 to"),
    ],
)
def test_a_stage_without_a_name_a_reason_an_inspecting_role_or_a_sane_rate_is_refused(cast, spec, message) -> None:
    with pytest.raises(Invalid, match=message):
        inspection_stages_set(actor=cast.manager, project=cast.project, later=[spec], overturn_pay="reverse")
    assert not InspectionStage.objects.exists()


def test_a_stage_with_work_waiting_at_it_is_not_removed(cast) -> None:
    add_second_stage(cast.project)
    add_senior(cast.project)
    annotation = submit(cast.labeler, cast.project)
    services.review_accept(actor=cast.reviewer, annotation_id=annotation.id)

    with pytest.raises(Invalid, match="1 piece of work waits at stage 2"):
        inspection_stages_set(actor=cast.manager, project=cast.project, later=[], overturn_pay="reverse")

    assert InspectionStage.objects.filter(project=cast.project).count() == 1


def test_an_empty_second_stage_is_removed_and_work_is_accepted_at_the_first_again(cast) -> None:
    add_second_stage(cast.project)

    inspection_stages_set(actor=cast.manager, project=cast.project, later=[], overturn_pay="reverse")

    annotation = submit(cast.labeler, cast.project)
    assert services.review_accept(actor=cast.reviewer, annotation_id=annotation.id).stage == 1
    annotation.refresh_from_db()
    assert annotation.status == "accepted"


def test_the_stages_page_adds_a_stage_from_the_empty_row(cast) -> None:
    client = client_for(cast.manager)
    page = client.get(f"/projects/{cast.project.id}/stages/")
    assert page.status_code == 200 and 'data-testid="first-stage"' in page.content.decode()

    row = _row(
        name="2차 검수", reasons="경계가 틀렸습니다\n빠진 부분이 있습니다", rate_per_review="40", mode="sampling"
    )
    response = client.post(f"/projects/{cast.project.id}/stages/", _post([row], overturn_pay="keep"))

    assert response.status_code == 302
    stage = InspectionStage.objects.get(project=cast.project)
    assert (stage.name, stage.mode, stage.rate_per_review) == ("2차 검수", "sampling", 40)
    assert stage.reasons == ["경계가 틀렸습니다", "빠진 부분이 있습니다"]
    assert Project.objects.get(id=cast.project.id).overturn_pay == "keep"


def test_the_stages_page_keeps_unchanged_stages_and_ignores_an_untouched_new_row(cast) -> None:
    add_second_stage(cast.project, rate_per_review=50)
    kept = _row(name="2차 검수", reasons="경계가 틀렸습니다", rate_per_review="50")

    response = client_for(cast.manager).post(f"/projects/{cast.project.id}/stages/", _post([kept, _row()], initial=1))

    assert response.status_code == 302
    assert list(InspectionStage.objects.values_list("position", "rate_per_review")) == [(2, 50)]


def test_the_stages_page_says_why_a_stage_cannot_be_removed(cast) -> None:
    add_second_stage(cast.project)
    add_senior(cast.project)
    annotation = submit(cast.labeler, cast.project)
    services.review_accept(actor=cast.reviewer, annotation_id=annotation.id)
    removed = _row(name="2차 검수", reasons="경계가 틀렸습니다", DELETE="on")

    response = client_for(cast.manager).post(
        f"/projects/{cast.project.id}/stages/", _post([removed], initial=1), headers={"accept-language": "en"}
    )

    assert response.status_code == 422
    assert "waits at stage 2 or later" in response.content.decode()
    assert InspectionStage.objects.filter(project=cast.project).count() == 1


def test_a_labeler_or_a_manager_of_another_organization_gets_404_for_the_stages_page(cast) -> None:
    for person in (cast.labeler, cast.manager_b):
        assert client_for(person).get(f"/projects/{cast.project.id}/stages/").status_code == 404


def test_a_manager_promotes_one_of_the_projects_reviewers_to_senior_reviewer(cast) -> None:
    client = client_for(cast.manager)

    response = client.post(f"/projects/{cast.project.id}/stages/seniors/", {"user": str(cast.reviewer.id)})

    assert response.status_code == 302
    assert "senior_reviewer" in set(cast.reviewer.project_memberships.values_list("role", flat=True))
    assert 'data-testid="seniors"' in client.get(f"/projects/{cast.project.id}/stages/").content.decode()


def test_only_a_reviewer_of_the_project_can_be_promoted_and_only_by_its_manager(cast) -> None:
    refused = client_for(cast.manager).post(f"/projects/{cast.project.id}/stages/seniors/", {"user": cast.labeler.id})
    foreign = client_for(cast.manager_b).post(
        f"/projects/{cast.project.id}/stages/seniors/", {"user": cast.reviewer.id}
    )

    assert (refused.status_code, foreign.status_code) == (422, 404)
    assert not cast.project.memberships.filter(role="senior_reviewer").exists()
