"""A manager creates a project for their organization; the schema is checked before anything is written."""

import json

import pytest

from datadam.core.errors import NotFound, SchemaViolation
from datadam.projects import services
from datadam.projects.models import Project
from tests.conftest import client_for
from tests.factories import SENTIMENT_SCHEMA


def test_manager_creates_a_project_in_their_organization(cast) -> None:
    project = services.project_create(
        actor=cast.manager,
        organization=cast.project.organization,
        name="뉴스 분류",
        schema=SENTIMENT_SCHEMA,
        default_overlap=3,
    )

    stored = Project.objects.get(id=project.id)
    assert (stored.name, stored.default_overlap, stored.created_by) == ("뉴스 분류", 3, cast.manager)


def test_an_invalid_schema_creates_nothing(cast) -> None:
    before = Project.objects.count()

    with pytest.raises(SchemaViolation):
        services.project_create(
            actor=cast.manager,
            organization=cast.project.organization,
            name="x",
            schema={"controls": [{"type": "nope", "name": "x"}]},
        )

    assert Project.objects.count() == before


def test_a_labeler_cannot_create_a_project_in_an_organization_they_do_not_staff(cast) -> None:
    with pytest.raises(NotFound):
        services.project_create(
            actor=cast.labeler, organization=cast.project.organization, name="x", schema=SENTIMENT_SCHEMA
        )


def test_project_api_creates_and_returns_the_schema(cast) -> None:
    response = client_for(cast.manager).post(
        "/api/v1/projects",
        {"organization_id": cast.project.organization_id, "name": "API 프로젝트", "schema": SENTIMENT_SCHEMA},
        content_type="application/json",
    )

    assert response.status_code == 201
    assert response.json()["schema"] == SENTIMENT_SCHEMA


def test_project_api_answers_422_with_the_schema_path(cast) -> None:
    response = client_for(cast.manager).post(
        "/api/v1/projects",
        {
            "organization_id": cast.project.organization_id,
            "name": "x",
            "schema": {"controls": [{"type": "choices", "name": "s", "labels": "abc"}]},
        },
        content_type="application/json",
    )

    assert response.status_code == 422
    assert "controls[0].labels" in response.json()["detail"]


def test_project_api_refuses_a_nul_in_the_name_with_422(cast) -> None:
    response = client_for(cast.manager).post(
        "/api/v1/projects",
        {"organization_id": cast.project.organization_id, "name": "a\x00b", "schema": SENTIMENT_SCHEMA},
        content_type="application/json",
    )

    assert response.status_code == 422


def test_project_api_for_another_organization_is_404(cast) -> None:
    response = client_for(cast.manager_b).post(
        "/api/v1/projects",
        {"organization_id": cast.project.organization_id, "name": "x", "schema": SENTIMENT_SCHEMA},
        content_type="application/json",
    )

    assert response.status_code == 404


def test_manager_updates_the_overlap_and_guideline(cast) -> None:
    response = client_for(cast.manager).patch(
        f"/api/v1/projects/{cast.project.id}",
        {"default_overlap": 2, "guideline": "## 새 안내"},
        content_type="application/json",
    )

    assert response.status_code == 200
    cast.project.refresh_from_db()
    assert (cast.project.default_overlap, cast.project.guideline) == (2, "## 새 안내")


def test_a_labeler_cannot_update_the_project(cast) -> None:
    response = client_for(cast.labeler).patch(
        f"/api/v1/projects/{cast.project.id}", {"name": "hijacked"}, content_type="application/json"
    )

    assert response.status_code == 404
    cast.project.refresh_from_db()
    assert cast.project.name != "hijacked"


def test_the_create_page_makes_a_project_and_goes_to_import(cast) -> None:
    response = client_for(cast.manager).post(
        "/projects/new/",
        {
            "organization": cast.project.organization_id,
            "name": "페이지 프로젝트",
            "description": "",
            "schema": json.dumps(SENTIMENT_SCHEMA),
            "guideline": "",
            "default_overlap": 1,
            "join_policy": "open",
            "rate_per_item": 150,
            "rate_per_review": 40,
            "pay_on": "submit",
            "correction_pay": "full",
        },
    )

    project = Project.objects.get(name="페이지 프로젝트")
    assert response.status_code == 302 and response["Location"] == f"/projects/{project.id}/import/"
    assert (project.rate_per_item, project.rate_per_review, project.pay_on, project.correction_pay) == (
        150,
        40,
        "submit",
        "full",
    )


def test_the_guideline_is_rendered_without_scripts_on_the_project_and_task_pages(cast) -> None:
    cast.project.guideline = "**굵게** <script>alert(1)</script> [x](javascript:alert(1))"
    cast.project.save()
    client = client_for(cast.labeler)

    project_page = client.get(f"/projects/{cast.project.id}/").content.decode()
    task_page = client.get(f"/projects/{cast.project.id}/label/", follow=True).content.decode()

    for page in (project_page, task_page):
        assert "<strong>굵게</strong>" in page
        assert "<script>alert(1)" not in page and 'href="javascript:' not in page


def test_a_manager_sets_the_pay_rates_through_the_api(cast) -> None:
    response = client_for(cast.manager).post(
        "/api/v1/projects",
        {
            "organization_id": cast.project.organization_id,
            "name": "유급 프로젝트",
            "schema": SENTIMENT_SCHEMA,
            "rate_per_item": 150,
            "rate_per_review": 40,
            "pay_on": "submit",
            "correction_pay": "none",
        },
        content_type="application/json",
    )

    body = response.json()
    assert response.status_code == 201
    assert (body["rate_per_item"], body["rate_per_review"], body["pay_on"], body["correction_pay"]) == (
        150,
        40,
        "submit",
        "none",
    )


@pytest.mark.parametrize("rate", [-1, "백원", 1.5, 10_000_001])
def test_a_negative_or_non_numeric_rate_is_refused_with_422_and_nothing_is_written(cast, rate: object) -> None:
    before = Project.objects.count()
    client = client_for(cast.manager)

    created = client.post(
        "/api/v1/projects",
        {
            "organization_id": cast.project.organization_id,
            "name": "x",
            "schema": SENTIMENT_SCHEMA,
            "rate_per_item": rate,
        },
        content_type="application/json",
    )
    changed = client.patch(
        f"/api/v1/projects/{cast.project.id}", {"rate_per_review": rate}, content_type="application/json"
    )

    assert (created.status_code, changed.status_code) == (422, 422)
    assert Project.objects.count() == before
    assert Project.objects.get(id=cast.project.id).rate_per_review == 0


def test_a_manager_changes_the_rate_through_the_api(cast) -> None:
    response = client_for(cast.manager).patch(
        f"/api/v1/projects/{cast.project.id}",
        {"rate_per_item": 210, "pay_on": "submit"},
        content_type="application/json",
    )

    assert response.status_code == 200
    assert Project.objects.filter(id=cast.project.id, rate_per_item=210, pay_on="submit").exists()


def test_a_negative_rate_on_the_create_page_is_refused_with_the_field_named(cast) -> None:
    before = Project.objects.count()

    response = client_for(cast.manager).post(
        "/projects/new/",
        {
            "organization": cast.project.organization_id,
            "name": "음수 단가",
            "schema": json.dumps(SENTIMENT_SCHEMA),
            "default_overlap": 1,
            "join_policy": "open",
            "rate_per_item": -10,
            "rate_per_review": 0,
            "pay_on": "accept",
            "correction_pay": "half",
        },
    )

    assert response.status_code == 200
    assert 'id="id_rate_per_item-error"' in response.content.decode()
    assert Project.objects.count() == before
