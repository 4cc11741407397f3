"""A project with labels to release: accepted, corrected and sent-back work, and a verifier from outside it."""

import pytest
from django.core.management import call_command

from datadam.accounts.models import Organization
from datadam.labeling import services as labeling
from datadam.releases.models import Verifier
from datadam.review import services as review
from tests import factories


def label_and_review(cast, answers: list[str] | None = None) -> list:
    """The labeler answers each item in turn; the reviewer accepts all but the second (corrected to positive)
    and the third (sent back). Returns the annotations as submitted."""
    submitted = []
    for answer in answers or ["positive", "negative", "positive", "negative", "positive"]:
        lease = labeling.assignment_lease_next(actor=cast.labeler, project=cast.project)
        annotation, _ = labeling.annotation_submit(
            actor=cast.labeler, assignment_id=lease.id, result={"sentiment": answer}
        )
        submitted.append(annotation)
    for index, annotation in enumerate(submitted):
        if index == 1:
            review.review_correct(actor=cast.reviewer, annotation_id=annotation.id, result={"sentiment": "positive"})
        elif index == 2:
            review.review_reject(actor=cast.reviewer, annotation_id=annotation.id, comment="다시 보세요")
        else:
            review.review_accept(actor=cast.reviewer, annotation_id=annotation.id)
    return submitted


def run_worker() -> None:
    call_command("db_worker", "--queue-name", "*", "--batch", "--no-startup-delay", "--no-reload")


@pytest.fixture
def verifier(cast):
    person = factories.UserFactory(username="verifier")
    Verifier.objects.create(user=person, organization=Organization.objects.get(id=cast.project.organization_id))
    return person


def cut_and_build(cast, version: str = "v1.0.0", **options):
    from datadam.releases import services

    release = services.release_cut(actor=cast.manager, project=cast.project, version=version, **options)
    return services.release_build_run(release_id=release.id)


def published(cast, verifier, version: str = "v1.0.0"):
    """A built release, signed off (below the semantic target, so with a reason) and published."""
    from datadam.releases import services

    release = cut_and_build(cast, version)
    services.release_sign_off(actor=verifier, release=release, override_reason="검수 표본이 작아 사유를 남깁니다")
    return services.release_publish(actor=cast.manager, release=release)
