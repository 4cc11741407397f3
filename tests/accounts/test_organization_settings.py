"""An organization's owner or manager sets the currency and the minimum wage that pay is measured against."""

import json

from datadam.accounts.models import Organization
from datadam.audit.models import AuditEvent
from datadam.labeling import services as labeling_services
from datadam.labeling.models import Annotation
from datadam.pay.selectors import rate_suggestion
from datadam.projects.models import Project
from tests.conftest import client_for


def test_manager_raises_the_minimum_wage_on_the_settings_page_and_the_suggested_rate_follows(cast) -> None:
    organization = cast.project.organization
    for _ in cast.items:
        lease = labeling_services.assignment_lease_next(actor=cast.labeler, project=cast.project)
        answer = {"sentiment": "positive"}
        labeling_services.annotation_submit(actor=cast.labeler, assignment_id=lease.id, result=answer)
    Annotation.objects.filter(project=cast.project).update(active_seconds=60)  # a minute of work an item
    before = rate_suggestion(project=cast.project)

    response = client_for(cast.manager).post(
        f"/accounts/organizations/{organization.id}/", {"currency": "KRW", "minimum_hourly_wage": "12000"}
    )

    assert response.status_code == 302
    organization.refresh_from_db()
    assert organization.minimum_hourly_wage == 12_000
    assert AuditEvent.objects.filter(action="organization.settings_update", organization_id=organization.id).exists()
    # a minute an item at the minimum wage, with the 20 % margin, rounded up to 10 won
    assert (before, rate_suggestion(project=Project.objects.get(id=cast.project.id))) == (210, 240)


def test_the_page_shows_the_current_settings_and_explains_a_bad_currency(cast) -> None:
    organization = cast.project.organization
    client = client_for(cast.owner)

    page = client.get(f"/accounts/organizations/{organization.id}/").content.decode()
    refused = client.post(
        f"/accounts/organizations/{organization.id}/", {"currency": "won", "minimum_hourly_wage": "10320"}
    )

    assert 'value="10320"' in page and 'value="KRW"' in page
    assert refused.status_code == 400
    assert "KRW" in refused.content.decode()
    assert Organization.objects.get(id=organization.id).currency == "KRW"


def test_a_script_changes_the_currency_through_the_api_and_a_typo_of_zeros_is_refused(cast) -> None:
    organization, client = cast.project.organization, client_for(cast.manager)
    path = f"/api/v1/organizations/{organization.id}"

    changed = client.patch(path, json.dumps({"currency": "USD"}), content_type="application/json")
    refused = client.patch(path, json.dumps({"minimum_hourly_wage": 103_200_000}), content_type="application/json")

    assert changed.status_code == 200 and changed.json()["currency"] == "USD"
    assert refused.status_code == 422
    assert "1,000,000" in refused.json()["detail"]
    assert Organization.objects.get(id=organization.id).minimum_hourly_wage == 10_320


def test_a_labeler_and_another_organizations_manager_cannot_open_the_settings(cast) -> None:
    organization = cast.project.organization

    answers = [
        client_for(person).get(f"/accounts/organizations/{organization.id}/")
        for person in (cast.labeler, cast.manager_b)
    ]

    assert [answer.status_code for answer in answers] == [404, 404]
