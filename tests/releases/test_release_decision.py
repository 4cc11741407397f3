"""A verifier approves or returns a release's report with a comment, after a confirmation step; the decision
shows at once on the release page and in the report, and a returned report reaches the manager with the reasons."""

import pytest

from datadam.audit.models import AuditEvent
from datadam.core.errors import Conflict, Invalid
from datadam.labeling.models import Annotation
from datadam.notifications.models import Notification
from datadam.pay.models import LedgerEntry
from datadam.releases import services
from datadam.releases.models import Release, VerifierDecision
from tests.conftest import client_for
from tests.releases.conftest import cut_and_build, label_and_review

REASON = "3번 항목의 감성 라벨이 원문과 반대입니다"


@pytest.fixture
def built(cast) -> Release:
    label_and_review(cast)
    return cut_and_build(cast)


def _page(cast, release: Release) -> str:
    return f"/projects/{cast.project.id}/releases/{release.id}/"


def test_a_return_needs_a_comment_and_writes_nothing_without_one(cast, built, verifier) -> None:
    with pytest.raises(Invalid):
        services.release_reject(actor=verifier, release=built, comment="   ")

    assert Release.objects.get().status == "built" and not VerifierDecision.objects.exists()


def test_a_returned_release_keeps_every_label_and_payment_and_cannot_be_published(cast, built, verifier) -> None:
    labels = list(Annotation.objects.order_by("id").values_list("id", "status"))
    owed = list(LedgerEntry.objects.order_by("id").values_list("id", "amount"))

    services.release_reject(actor=verifier, release=built, comment=REASON)

    assert Release.objects.get().status == "rejected"
    assert list(Annotation.objects.order_by("id").values_list("id", "status")) == labels
    assert list(LedgerEntry.objects.order_by("id").values_list("id", "amount")) == owed
    with pytest.raises(Conflict):
        services.release_publish(actor=cast.manager, release=Release.objects.get())
    with pytest.raises(Conflict):
        services.release_sign_off(actor=verifier, release=Release.objects.get(), override_reason="x")


def test_the_verifier_confirms_a_return_and_sees_it_at_once(cast, built, verifier) -> None:
    client = client_for(verifier)
    url = _page(cast, built) + "decide/"

    missing = client.post(url, {"outcome": "rejected", "comment": ""})
    confirm = client.post(url, {"outcome": "rejected", "comment": REASON})
    untouched = (Release.objects.get().status, VerifierDecision.objects.count())
    done = client.post(url, {"outcome": "rejected", "comment": REASON, "confirmed": "yes"}, follow=True)

    assert missing.status_code == 422
    assert confirm.status_code == 200 and 'data-testid="confirm-decision"' in confirm.content.decode()
    assert untouched == ("built", 0)
    page = done.content.decode()
    assert "관리자에게 돌려보냈습니다" in page and REASON in page
    assert Release.objects.get().get_status_display() in page
    assert AuditEvent.objects.filter(action="release.reject", project_id=cast.project.id).count() == 1


def test_the_manager_sees_the_returned_report_with_its_reasons_and_cuts_a_new_version(cast, built, verifier) -> None:
    services.release_reject(actor=verifier, release=built, comment=REASON)
    manager = client_for(cast.manager)

    listing = manager.get(f"/projects/{cast.project.id}/releases/").content.decode()
    detail = manager.get(_page(cast, built)).content.decode()
    report = manager.get(f"/api/v1/releases/{built.id}/report").json()
    fixed = cut_and_build(cast, "v1.1.0")
    to_verify = client_for(verifier).get("/projects/verify/").content.decode()

    assert 'data-testid="returned-releases"' in listing and REASON in listing
    assert 'data-testid="returned-next-steps"' in detail and REASON in detail
    assert report["status"] == "rejected" and report["decisions"][0]["comment"] == REASON
    assert _page(cast, fixed) in to_verify and _page(cast, built) not in to_verify


def test_the_manager_who_cut_the_release_is_notified_of_each_decision(cast, built, verifier) -> None:
    services.release_reject(actor=verifier, release=built, comment=REASON)

    notice = Notification.objects.get(user=cast.manager)
    page = client_for(cast.manager).get("/notifications/").content.decode()

    assert notice.kind == Notification.Kind.RELEASE_RETURNED and notice.url == _page(cast, built)
    assert REASON in page and "v1.0.0" in page


def test_an_approval_with_a_comment_shows_in_the_status_and_the_report(cast, built, verifier) -> None:
    client = client_for(verifier)
    data = {"outcome": "approved", "comment": "표본 확인 완료", "override_reason": "다음 판에서 보완"}
    data["confirmed"] = "yes"

    page = client.post(_page(cast, built) + "decide/", data, follow=True).content.decode()
    report = client.get(_page(cast, built) + "report/").content.decode()

    assert "검증 승인, 공개 가능" in page and "표본 확인 완료" in page
    assert "표본 확인 완료" in report and 'data-outcome="approved"' in report
    assert Release.objects.get().override_reason == "다음 판에서 보완"


def test_an_outsider_and_the_projects_manager_cannot_decide(cast, built) -> None:
    data = {"outcome": "rejected", "comment": REASON, "confirmed": "yes"}

    outsider = client_for(cast.outsider).post(_page(cast, built) + "decide/", data)
    manager = client_for(cast.manager).post(_page(cast, built) + "decide/", data)

    assert outsider.status_code == 404
    assert manager.status_code == 302 and Release.objects.get().status == "built"
