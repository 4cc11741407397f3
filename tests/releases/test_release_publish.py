"""A verifier independent of the project signs the report off; below a target only with a recorded reason;
then the manager publishes the release to the catalog."""

import pytest

from datadam.core.errors import Conflict, Invalid, NotFound, PermissionDenied
from datadam.releases import services
from datadam.releases.models import Release, Verifier
from tests.conftest import client_for
from tests.releases.conftest import cut_and_build, label_and_review


@pytest.fixture
def built(cast) -> Release:
    label_and_review(cast)
    return cut_and_build(cast)


def test_publishing_without_a_sign_off_is_refused(cast, built) -> None:
    with pytest.raises(Conflict):
        services.release_publish(actor=cast.manager, release=built)

    assert Release.objects.get().status == "built"


def test_signing_off_below_target_without_a_reason_is_refused(cast, built, verifier) -> None:
    assert built.report["below_target"] == ["semantic_accuracy"]  # 3 of 5 inspected answers accepted

    with pytest.raises(Invalid):
        services.release_sign_off(actor=verifier, release=built, override_reason="  ")

    assert Release.objects.get().signed_at is None


def test_below_target_with_a_reason_is_published_and_the_report_shows_the_reason(cast, built, verifier) -> None:
    services.release_sign_off(actor=verifier, release=built, override_reason="표본 5건뿐이라 다음 판에서 재검수")
    release = services.release_publish(actor=cast.manager, release=Release.objects.get())

    slug = release.project.dataset.slug
    page = client_for(None).get(f"/catalog/{slug}/{release.version}/report/").content.decode()
    document = client_for(None).get(f"/catalog/{slug}/{release.version}/report.json").json()
    assert release.status == "published" and release.published_at is not None
    assert "표본 5건뿐이라 다음 판에서 재검수" in page
    assert document["override_reason"] == "표본 5건뿐이라 다음 판에서 재검수"


def test_a_verifier_who_works_on_the_project_cannot_sign_it_off(cast, built) -> None:
    Verifier.objects.create(user=cast.reviewer, organization=cast.project.organization)

    with pytest.raises(PermissionDenied):
        services.release_sign_off(actor=cast.reviewer, release=built, override_reason="괜찮음")


def test_the_projects_manager_is_no_verifier_and_a_stranger_gets_404(cast, built) -> None:
    with pytest.raises(NotFound):
        services.release_sign_off(actor=cast.outsider, release=built, override_reason="괜찮음")
    with pytest.raises(PermissionDenied):
        services.release_sign_off(actor=cast.manager, release=built, override_reason="괜찮음")


def test_an_outsider_gets_404_from_the_release_pages(cast, built) -> None:
    client = client_for(cast.outsider)
    base = f"/projects/{cast.project.id}/releases/{built.id}"

    answers = [client.get(f"{base}/").status_code, client.post(f"{base}/publish/").status_code]

    assert answers == [404, 404]
