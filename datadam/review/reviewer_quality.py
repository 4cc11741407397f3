"""How each reviewer's verdicts hold up (검수자 품질): the share confirmed at the next stage with its Wilson
interval, agreement with gold reviews, speed and the reasons they use.

A verdict is confirmed when the work's next step agrees with it:
- a sending back, when the labeler's rework differs from the answer sent back and is accepted (the same
  answer accepted after all means the sending back was wrong);
- an acceptance or a correction, when the next inspection stage accepts the work it passed on (the same
  version, or the corrected one), and not when that stage sends it back or corrects it (an overturned
  acceptance).
Verdicts whose next step has not happened yet are pending and count neither way.

Review reads its own rows here and hands quality the counts (`quality.reviewers.reviewer_flags_evaluate`), which
raises the flags and pauses as it does for labelers; quality sits below review and never reads verdicts.
"""

import statistics
from collections import Counter, defaultdict
from datetime import datetime

from django.db.models import QuerySet

from datadam.accounts.models import User
from datadam.core.stats import wilson_interval
from datadam.labeling.models import Annotation
from datadam.projects.models import Project
from datadam.quality import gold_reviews, reviewers
from datadam.review.models import Review

MAX_VERDICTS = 20000  # per project page; the newest count


def _reviews(project: Project, reviewer_ids: list[int] | None, since: datetime | None) -> list[dict]:
    rows: QuerySet = Review.objects.filter(project=project)
    if reviewer_ids is not None:
        rows = rows.filter(reviewer_id__in=reviewer_ids)
    if since is not None:
        rows = rows.filter(created_at__gt=since)
    return list(
        rows.order_by("-id").values(
            "id",
            "reviewer_id",
            "stage",
            "verdict",
            "overturned_by_id",
            "correction_id",
            "reason",
            "active_seconds",
            "annotation_id",
            "annotation__assignment_id",
            "annotation__author_id",
            "annotation__version",
            "annotation__result",
        )[:MAX_VERDICTS]
    )


def _accepted_reworks(project: Project, rejected: list[dict]) -> dict[int, list[tuple[int, int, object]]]:
    """Per assignment: its accepted versions by its labeler, as (version, author, result), oldest first."""
    assignment_ids = {row["annotation__assignment_id"] for row in rejected}
    versions = defaultdict(list)
    accepted = (
        Annotation.objects.filter(project=project, assignment_id__in=assignment_ids, status=Annotation.Status.ACCEPTED)
        .order_by("version")
        .values_list("assignment_id", "version", "author_id", "result")
    )
    for assignment_id, version, author_id, result in accepted:
        versions[assignment_id].append((version, author_id, result))
    return versions


def _reject_outcome(row: dict, reworks: dict) -> bool | None:
    """True: a different rework was accepted; False: the same answer was accepted; None: not yet."""
    for version, author_id, result in reworks.get(row["annotation__assignment_id"], []):
        if version > row["annotation__version"] and author_id == row["annotation__author_id"]:
            return result != row["annotation__result"]
    return None


def _next_stage_verdicts(rows: list[dict]) -> dict[tuple[int, int], str]:
    """The verdicts given on the work these acceptances and corrections passed on: {(annotation, stage): verdict}.
    An acceptance passes its annotation on; a correction passes its corrected version on."""
    passed = {row["annotation_id"] for row in rows if row["verdict"] == Review.Verdict.ACCEPT}
    passed |= {row["correction_id"] for row in rows if row["correction_id"]}
    later = Review.objects.filter(annotation_id__in=passed).values_list("annotation_id", "stage", "verdict")
    return {(annotation_id, stage): verdict for annotation_id, stage, verdict in later}


def _passed_on_outcome(row: dict, later: dict[tuple[int, int], str]) -> bool | None:
    """True: the next stage accepted the work; False: it sent it back or corrected it; None: not yet (or the
    verdict was at the last stage, where nothing follows)."""
    if row["overturned_by_id"]:
        return False
    work = row["correction_id"] or row["annotation_id"]
    verdict = later.get((work, row["stage"] + 1))
    return None if verdict is None else verdict == Review.Verdict.ACCEPT


def verdict_outcomes(project: Project, rows: list[dict]) -> dict[int, bool | None]:
    """For each verdict id: confirmed (True), not confirmed (False) or pending (None)."""
    rejected = [row for row in rows if row["verdict"] == Review.Verdict.REJECT]
    reworks = _accepted_reworks(project, rejected)
    later = _next_stage_verdicts([row for row in rows if row["verdict"] != Review.Verdict.REJECT])
    outcomes = {row["id"]: _reject_outcome(row, reworks) for row in rejected}
    return {row["id"]: outcomes[row["id"]] if row["id"] in outcomes else _passed_on_outcome(row, later) for row in rows}


def _figures(rows: list[dict], outcomes: dict[int, bool | None]) -> dict:
    decided = [outcomes[row["id"]] for row in rows if outcomes[row["id"]] is not None]
    confirmed = sum(decided)
    low, high = wilson_interval(confirmed, len(decided))
    seconds = [row["active_seconds"] for row in rows if row["active_seconds"] > 0]
    verdicts = Counter(row["verdict"] for row in rows)
    return {
        "verdicts": len(rows),
        "accepted": verdicts[Review.Verdict.ACCEPT],
        "rejected": verdicts[Review.Verdict.REJECT],
        "corrected": verdicts[Review.Verdict.CORRECT],
        "confirmed": confirmed,
        "decided": len(decided),
        "share": confirmed / len(decided) if decided else None,
        "low": low,
        "high": high,
        "median_seconds": statistics.median(seconds) if seconds else None,
        "reasons": Counter(row["reason"] for row in rows if row["reason"]).most_common(),
    }


def reviewer_table(project: Project, *, reviewer_ids: list[int] | None = None, also: set[int] = frozenset()) -> list:
    """One row per reviewer who gave verdicts in the project, plus `also` (its reviewers who have not yet), or
    only `reviewer_ids`; by name: their figures, gold agreement, open flags and pause."""
    rows = _reviews(project, reviewer_ids, since=None)
    outcomes = verdict_outcomes(project, rows)
    per_reviewer = defaultdict(list)
    for row in rows:
        per_reviewer[row["reviewer_id"]].append(row)
    gold = gold_reviews.gold_review_agreement(project=project, reviewer_ids=reviewer_ids)
    flags = reviewers.reviewer_flags_open(project=project)
    paused = reviewers.reviewer_pauses(project=project)
    ids = set(per_reviewer) | set(gold) | set(also) if reviewer_ids is None else set(reviewer_ids)
    table = []
    for person in User.objects.filter(id__in=ids).order_by("username"):
        table.append(
            {
                "reviewer": person,
                **_figures(per_reviewer.get(person.id, []), outcomes),
                "gold": gold.get(person.id),
                "flags": flags.get(person.id, []),
                "paused": paused.get(person.id),
            }
        )
    return table


def reviewer_floor_check(*, project: Project, reviewer: User) -> list:
    """Count the reviewer's verdicts decided since the last lifted pause and let quality hold them to the floor."""
    since = reviewers.reviewer_counting_since(project=project, reviewer=reviewer)
    rows = _reviews(project, [reviewer.id], since)
    decided = [outcome for outcome in verdict_outcomes(project, rows).values() if outcome is not None]
    return reviewers.reviewer_flags_evaluate(
        project=project, reviewer=reviewer, confirmed=sum(decided), decided=len(decided)
    )
