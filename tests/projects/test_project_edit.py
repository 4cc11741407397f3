"""A manager changes a project on its edit page, and sees the rate that would pay the minimum wage."""

import json

from datadam.labeling import services as labeling_services
from datadam.labeling.models import Annotation
from datadam.projects.models import Project
from tests.conftest import client_for


def form_of(project: Project, **changes) -> dict:
    fields = {
        "name": project.name,
        "description": project.description,
        "schema": json.dumps(project.schema, ensure_ascii=False),
        "guideline": project.guideline,
        "default_overlap": project.default_overlap,
        "join_policy": project.join_policy,
        "rate_per_item": project.rate_per_item,
        "rate_per_review": project.rate_per_review,
        "pay_on": project.pay_on,
        "correction_pay": project.correction_pay,
        "lease_seconds": project.lease_seconds // 60,
    }
    return fields | changes


def test_manager_raises_the_rate_and_lengthens_the_lease_on_the_edit_page(cast) -> None:
    client = client_for(cast.manager)

    page = client.get(f"/projects/{cast.project.id}/edit/")
    saved = client.post(
        f"/projects/{cast.project.id}/edit/", form_of(cast.project, rate_per_item=250, lease_seconds=45)
    )

    project = Project.objects.get(id=cast.project.id)
    assert page.status_code == 200 and cast.project.name in page.content.decode()
    assert saved.status_code == 302 and saved.url == f"/projects/{cast.project.id}/"
    assert (project.rate_per_item, project.lease_seconds, project.organization_id) == (
        250,
        45 * 60,
        cast.project.organization_id,
    )


def test_the_edit_page_suggests_a_rate_from_the_pace_measured_so_far(cast) -> None:
    for _ in cast.items:
        lease = labeling_services.assignment_lease_next(actor=cast.labeler, project=cast.project)
        labeling_services.annotation_submit(
            actor=cast.labeler, assignment_id=lease.id, result={"sentiment": "positive"}
        )
    Annotation.objects.filter(project=cast.project).update(active_seconds=90)

    page = client_for(cast.manager).get(f"/projects/{cast.project.id}/edit/").content.decode()

    # 90 s at 10,320 won an hour with a 20 % margin is 309.6 won, rounded up to 310
    assert "310" in page


def test_a_schema_with_an_unknown_control_is_refused_and_nothing_changes(cast) -> None:
    broken = json.dumps({"controls": [{"type": "boxes3d", "name": "x"}]})

    response = client_for(cast.manager).post(f"/projects/{cast.project.id}/edit/", form_of(cast.project, schema=broken))

    assert response.status_code == 422
    assert "boxes3d" in response.content.decode()
    assert Project.objects.get(id=cast.project.id).schema == cast.project.schema


def test_labelers_and_other_organizations_cannot_open_the_edit_page(cast) -> None:
    answers = [
        client_for(person).get(f"/projects/{cast.project.id}/edit/") for person in (cast.labeler, cast.manager_b)
    ]

    assert [answer.status_code for answer in answers] == [404, 404]
