"""Gold reviews: checks for reviewers. A manager writes an answer on a gold item whose right verdict is known (a
known-wrong answer to send back, a known-right one to accept); the review queue mixes them in at the policy's
share, and each reviewer's agreement with them is kept. They are not annotations, so releases and pay never
see them.
"""

import random

from django.db import IntegrityError, transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from datadam.accounts.models import User
from datadam.audit.services import audit_record_project
from datadam.core.errors import Conflict, Invalid, NotFound
from datadam.core.stats import wilson_interval
from datadam.projects import permissions as project_permissions
from datadam.projects.models import Project
from datadam.projects.schema.validate import annotation_validate, schema_parse
from datadam.quality import permissions
from datadam.quality.models import GoldItem, GoldReview, GoldReviewServe, QualityPolicy

VERDICTS = ("accept", "reject", "correct")


@transaction.atomic
def gold_review_create(
    *, actor: User, project: Project, gold_id: int, expected: str, result: dict | None = None, explanation: str = ""
) -> GoldReview:
    """A check on one of the project's gold items. Without a result the gold answer itself is shown (it should
    be accepted); a result that should be sent back must differ from the gold answer."""
    if not permissions.can_manage_quality(actor, project):
        raise NotFound(_("No such project."))
    gold = GoldItem.objects.filter(id=gold_id, project=project).select_related("item").first()
    if gold is None:
        raise Invalid(_("Pick one of this project's gold items."))
    if expected not in GoldReview.Expected.values:
        raise Invalid(_("Say whether the answer should be accepted or sent back."))
    result = gold.answer if result is None else result
    annotation_validate(schema_parse(project.schema), result, gold.item.data, project_id=project.id)
    if expected == GoldReview.Expected.REJECT and result == gold.answer:
        raise Invalid(_("An answer to send back must differ from the gold answer."))
    if expected == GoldReview.Expected.ACCEPT and result != gold.answer:
        raise Invalid(_("An answer to accept must be the gold answer."))
    review = GoldReview.objects.create(
        project=project, gold=gold, result=result, expected=expected, explanation=explanation.strip()[:2000]
    )
    audit_record_project(actor=actor, action="gold_review.create", target=review, project=project)
    return review


def gold_review_list(project: Project) -> QuerySet[GoldReview]:
    return (
        GoldReview.objects.filter(project=project)
        .select_related("gold__item")
        .annotate(
            served=Count("serves", filter=Q(serves__answered_at__isnull=False)),
            agreed=Count("serves", filter=Q(serves__agreed=True)),
        )
        .order_by("id")
    )


def gold_review_open(*, project: Project, reviewer: User) -> GoldReviewServe | None:
    """A gold review this reviewer was handed and has not answered yet (shown again on reload)."""
    return GoldReviewServe.objects.filter(
        gold_review__project=project, reviewer=reviewer, answered_at__isnull=True
    ).first()


def gold_review_pick(*, project: Project, reviewer: User) -> GoldReviewServe | None:
    """The reviewer's open gold review, else, with the policy's share, one they never had (else None)."""
    if (current := gold_review_open(project=project, reviewer=reviewer)) is not None:
        return current
    policy = QualityPolicy.objects.filter(project=project).first()
    if policy is None or policy.review_gold_share <= 0 or random.random() >= policy.review_gold_share:  # noqa: S311
        return None
    candidate = (
        GoldReview.objects.filter(project=project)
        .exclude(serves__reviewer=reviewer)
        .order_by("?")  # few rows; a random one keeps their order from being learnt
        .first()
    )
    if candidate is None:
        return None
    try:
        with transaction.atomic():
            return GoldReviewServe.objects.create(gold_review=candidate, reviewer=reviewer)
    except IntegrityError:  # the same reviewer in two tabs: the other tab's serve stands
        return gold_review_open(project=project, reviewer=reviewer)


def gold_review_serve_get(*, actor: User, serve_id: int) -> GoldReviewServe:
    """A gold review handed to the actor; anyone else's (or an unknown one) is NotFound."""
    serve = (
        GoldReviewServe.objects.filter(id=serve_id, reviewer=actor)
        .select_related("gold_review__project", "gold_review__gold__item")
        .first()
    )
    if serve is None or not project_permissions.can_review(actor, serve.gold_review.project):
        raise NotFound(_("No such work to review."))
    return serve


@transaction.atomic
def gold_review_answer(
    *, actor: User, serve_id: int, verdict: str, reason: str = "", active_seconds: int = 0
) -> GoldReviewServe:
    """The reviewer's verdict on a gold review: sending back or correcting agrees with a known-wrong answer,
    accepting with a known-right one. One verdict each (409 on the second)."""
    serve = gold_review_serve_get(actor=actor, serve_id=serve_id)
    serve = GoldReviewServe.objects.select_for_update().select_related("gold_review").get(id=serve.id)
    if serve.answered_at is not None:
        raise Conflict(_("This work was already reviewed; the first verdict stands."))
    if verdict not in VERDICTS:
        raise Invalid(_("Accept, send back or correct."))
    said_wrong = verdict != "accept"
    serve.verdict, serve.reason = verdict, reason[:200]
    serve.agreed = said_wrong == (serve.gold_review.expected == GoldReview.Expected.REJECT)
    serve.active_seconds = max(0, min(int(active_seconds), 86400))
    serve.answered_at = timezone.now()
    serve.save(update_fields=["verdict", "reason", "agreed", "active_seconds", "answered_at"])
    return serve


def gold_review_agreement(*, project: Project, reviewer_ids: list[int] | None = None, since=None) -> dict[int, dict]:
    """Per reviewer: gold reviews answered (after `since`, when given), agreed, the share and its Wilson interval."""
    serves = GoldReviewServe.objects.filter(gold_review__project=project, answered_at__isnull=False)
    if reviewer_ids is not None:
        serves = serves.filter(reviewer_id__in=reviewer_ids)
    if since is not None:
        serves = serves.filter(answered_at__gt=since)
    rows = serves.values("reviewer_id").annotate(answers=Count("id"), agreed=Count("id", filter=Q(agreed=True)))
    figures = {}
    for row in rows:
        low, high = wilson_interval(row["agreed"], row["answers"])
        share = row["agreed"] / row["answers"]
        figures[row["reviewer_id"]] = {**row, "share": share, "low": low, "high": high}
    return figures
