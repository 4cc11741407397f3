"""A person hears about what happens to them: work sent back with its reason, a promotion, a payment. The bell
counts what is unread, the notifications page marks them read, and email goes only to those who asked."""

import pytest
from django.core import mail
from django.template.loader import render_to_string
from django.test import RequestFactory

from datadam.academy.services.qualifications import reviewer_promote
from datadam.core.errors import Invalid
from datadam.labeling import services as labeling
from datadam.notifications import selectors, services
from datadam.notifications.models import Notification
from datadam.pay import services as pay
from datadam.review import services as review
from tests.conftest import client_for


def sent_back(cast, comment: str = "부정 리뷰입니다. 다시 보세요") -> None:
    lease = labeling.assignment_lease_next(actor=cast.labeler, project=cast.project)
    annotation, _ = labeling.annotation_submit(
        actor=cast.labeler, assignment_id=lease.id, result={"sentiment": "positive"}
    )
    review.review_reject(actor=cast.reviewer, annotation_id=annotation.id, comment=comment)


def test_a_labeler_whose_work_is_sent_back_is_told_the_project_and_the_reason(cast) -> None:
    sent_back(cast)

    (notification,) = Notification.objects.filter(user=cast.labeler)
    page = client_for(cast.labeler).get("/notifications/", headers={"accept-language": "en"}).content.decode()

    assert notification.kind == Notification.Kind.REJECTION
    assert notification.url == f"/projects/{cast.project.id}/label/"
    assert f"A reviewer sent back your work in “{cast.project.name}”. Reason: 부정 리뷰입니다. 다시 보세요" in page
    assert not Notification.objects.filter(user=cast.labeler2).exists()


def test_the_bell_counts_unread_notifications_and_reading_one_lowers_it(cast) -> None:
    sent_back(cast)
    sent_back(cast, comment="두 번째")
    client = client_for(cast.labeler)

    first = selectors.notification_list_mine(actor=cast.labeler).last()
    opened = client.post(f"/notifications/{first.id}/read/", {"open": "1"})

    assert opened.status_code == 302 and opened["Location"] == first.url
    assert selectors.unread_count(actor=cast.labeler) == 1
    client.post("/notifications/read-all/")
    assert selectors.unread_count(actor=cast.labeler) == 0


def test_the_bell_include_shows_the_unread_count(cast) -> None:
    sent_back(cast)
    request = RequestFactory().get("/")
    request.user = cast.labeler

    html = render_to_string("notifications/_notification_bell.html", request=request)

    assert 'data-testid="notification-count">1</span>' in html
    assert render_to_string("notifications/_notification_bell.html", request=RequestFactory().get("/")).strip() == ""


def test_a_promoted_labeler_and_a_paid_worker_are_told(cast) -> None:
    reviewer_promote(actor=cast.manager, project=cast.project, user=cast.labeler2)
    pay.ledger_adjust(
        actor=cast.manager,
        organization=cast.project.organization,
        worker=cast.labeler,
        amount=5_000,
        reason="주말 보너스",
        kind="bonus",
    )

    promotion = Notification.objects.get(user=cast.labeler2)
    payment = Notification.objects.get(user=cast.labeler)
    page = client_for(cast.labeler).get("/notifications/", headers={"accept-language": "en"}).content.decode()

    assert promotion.kind == Notification.Kind.PROMOTION and promotion.params == {"project": cast.project.name}
    assert payment.kind == Notification.Kind.PAYMENT
    assert f"{cast.project.organization.name} paid you 5,000 KRW: 주말 보너스" in page


def test_email_goes_only_to_those_who_chose_it(cast, django_capture_on_commit_callbacks) -> None:
    cast.labeler.email, cast.labeler2.email = "labeler@example.org", "labeler2@example.org"
    cast.labeler.save()
    cast.labeler2.save()
    response = client_for(cast.labeler).post("/notifications/choices/", {"email_kinds": ["rejection"]})

    with django_capture_on_commit_callbacks(execute=True):
        sent_back(cast)
        reviewer_promote(actor=cast.manager, project=cast.project, user=cast.labeler2)

    assert response.status_code == 302
    assert [message.to for message in mail.outbox] == [["labeler@example.org"]]
    assert "부정 리뷰입니다" in mail.outbox[0].body


def test_an_unknown_kind_of_email_is_refused_and_nothing_is_saved(cast) -> None:
    with pytest.raises(Invalid):
        services.notification_choices_set(actor=cast.labeler, email_kinds=["rejection", "everything"])

    response = client_for(cast.labeler).post("/notifications/choices/", {"email_kinds": ["everything"]})

    assert response.status_code == 302
    assert services.email_kinds_of(cast.labeler) == []


def test_nobody_reads_or_marks_another_persons_notification(cast) -> None:
    sent_back(cast)
    notification = Notification.objects.get(user=cast.labeler)

    for person in [cast.labeler2, cast.manager, cast.outsider]:
        page = client_for(person).get("/notifications/").content.decode()
        assert client_for(person).post(f"/notifications/{notification.id}/read/").status_code == 404
        assert "부정 리뷰입니다" not in page
    assert client_for(None).get("/notifications/").status_code == 302
    notification.refresh_from_db()
    assert notification.read_at is None
