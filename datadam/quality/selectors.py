"""Quality reads: gold accuracy, agreement, per-worker tables, consensus. Scoped to the person asking where a
person asks; the functions taking only a project are for other services (the lease, releases)."""

from collections import defaultdict
from functools import partial

from django.db.models import Exists, F, Max, OuterRef, QuerySet
from django.utils.translation import gettext as _

from datadam.accounts.models import User
from datadam.core.errors import Invalid
from datadam.core.stats import wilson_interval
from datadam.labeling.models import Annotation
from datadam.projects.models import Project
from datadam.projects.schema.answers import answer_describe
from datadam.projects.schema.controls import kind_of, traits_of
from datadam.projects.schema.validate import result_score, schema_parse
from datadam.quality import agreement, review_outcomes
from datadam.quality.models import Consensus, GoldItem, QualityPolicy, WorkerFlag, WorkerPause


def policy_get(project: Project) -> QualityPolicy:
    """The project's policy, or an unsaved one with the defaults."""
    return QualityPolicy.objects.filter(project=project).first() or QualityPolicy(project=project)


def labeler_annotations(project: Project) -> QuerySet[Annotation]:
    """Each labeler's own newest version per task (reviewers' corrections left out): what quality measures."""
    newer = Annotation.objects.filter(
        assignment=OuterRef("assignment"), author=OuterRef("author"), version__gt=OuterRef("version")
    )
    return Annotation.objects.filter(project=project, author_id=F("assignment__worker_id")).exclude(Exists(newer))


def _first_answers_on_gold(project: Project, since=None) -> QuerySet[Annotation]:
    """A worker's first answer on each gold item: what they knew before any feedback."""
    answers = Annotation.objects.filter(
        project=project, version=1, item__gold__isnull=False, author_id=F("assignment__worker_id")
    )
    return answers.filter(created_at__gt=since) if since else answers


def _score(schema, gold: dict, answer: dict) -> float:
    scores = [value for name, value in result_score(schema, gold, answer).items() if name in gold]
    return sum(scores) / len(scores) if scores else 0.0


def _accuracy(total: float, count: int) -> dict:
    low, high = wilson_interval(total, count)
    return {"answers": count, "accuracy": total / count if count else 0.0, "low": low, "high": high}


def gold_accuracy_by_worker(project: Project) -> dict[int, dict]:
    """worker id → {answers, accuracy, low, high}: mean score against gold with its 95 % Wilson interval."""
    schema = schema_parse(project.schema)
    totals: dict[int, list[float]] = defaultdict(list)
    for author_id, result, answer in _first_answers_on_gold(project).values_list(
        "author_id", "result", "item__gold__answer"
    ):
        totals[author_id].append(_score(schema, answer, result))
    return {worker: _accuracy(sum(scores), len(scores)) for worker, scores in totals.items()}


def gold_accuracy_for_worker(*, project: Project, worker: User, since=None) -> dict:
    schema = schema_parse(project.schema)
    rows = _first_answers_on_gold(project, since).filter(author=worker).values_list("result", "item__gold__answer")
    scores = [_score(schema, answer, result) for result, answer in rows]
    return _accuracy(sum(scores), len(scores))


def control_units(project: Project, include_gold: bool = False) -> dict[str, dict[int, dict[int, object]]]:
    """control name → {item id: {worker id: value}} over labelers' newest answers (gold items left out unless
    asked for: aggregation learns from them, agreement does not count them)."""
    units: dict[str, dict[int, dict[int, object]]] = defaultdict(lambda: defaultdict(dict))
    answers = labeler_annotations(project).exclude(status=Annotation.Status.REJECTED)
    if not include_gold:
        answers = answers.filter(item__gold__isnull=True)
    rows = answers.values_list("item_id", "author_id", "result")
    for item_id, author_id, result in rows:
        for name, value in (result or {}).items():
            units[name][item_id][author_id] = value
    return units


def _hashable(value: object) -> object:
    return repr(value) if isinstance(value, (list, dict)) else value


def agreement_report(project: Project) -> dict:
    """Per control: Krippendorff's α (nominal; interval for ratings), Fleiss' κ, Cohen's κ per pair, each worker
    against the others (by the control's score function), and the project's mean α. Raises Invalid with
    'needs overlap ≥ 2' when no item has two workers' answers."""
    schema = schema_parse(project.schema)
    units_by_control = control_units(project)
    controls, alphas = [], []
    for control in schema.controls:
        units = agreement.overlapped(units_by_control.get(control.name, {}))
        traits = traits_of(control)
        if not units or traits.follows:  # relations are compared through the spans they link
            continue
        simple = {item: {w: _hashable(v) for w, v in answers.items()} for item, answers in units.items()}
        scalar = traits.agreement is not None
        level = traits.agreement or "nominal"
        kind = kind_of(control)
        entry = {
            "name": control.name,
            "title": control.title or control.name,
            "items": len(units),
            "alpha": agreement.krippendorff_alpha(simple, level) if scalar else None,
            "level": level,
            "fleiss": agreement.fleiss(simple) if scalar else None,
            "pairs": agreement.cohen_kappa_pairs(simple) if scalar else {},
            "labels": agreement.label_agreement(simple) if scalar else {},
            "workers": agreement.worker_against_others(units, partial(kind.score, control)),
        }
        if entry["alpha"] is not None:
            alphas.append(entry["alpha"])
        controls.append(entry)
    if not controls:
        raise Invalid(_("Agreement needs overlap ≥ 2: no item has answers from two workers yet."))
    return {"controls": controls, "alpha": sum(alphas) / len(alphas) if alphas else None}


def workers_against_others(project: Project) -> list[dict]:
    """Per overlapped control: each worker against the others by the control's score function, without the
    project-wide coefficients (α, κ), which only the agreement page shows and which need the statistics
    libraries."""
    schema = schema_parse(project.schema)
    units_by_control = control_units(project)
    controls = []
    for control in schema.controls:
        units = agreement.overlapped(units_by_control.get(control.name, {}))
        if not units or traits_of(control).follows:
            continue
        workers = agreement.worker_against_others(units, partial(kind_of(control).score, control))
        controls.append({"title": control.title or control.name, "workers": workers})
    return controls


def consensus_for_project(project: Project) -> dict[int, tuple[dict, float]]:
    """item id → (aggregated result, confidence) for every overlapped item with a consensus. For releases."""
    return {
        item_id: (result, confidence)
        for item_id, result, confidence in Consensus.objects.filter(project=project).values_list(
            "item_id", "result", "confidence"
        )
    }


def worker_quality_get(*, project: Project, worker: User) -> dict:
    """What a worker sees about their own quality on one project."""
    mine = []
    for control in workers_against_others(project):
        if worker.id in control["workers"]:
            mean, count = control["workers"][worker.id]
            mine.append({"control": control["title"], "agreement": mean, "comparisons": count})
    return {
        "gold": gold_accuracy_for_worker(project=project, worker=worker),
        "agreement": mine,
        "feedback": review_outcomes.feedback_for_worker(project=project, worker=worker),
        "pause": WorkerPause.objects.filter(
            project=project, worker=worker, role=WorkerPause.Role.LABELING, lifted_at__isnull=True
        ).first(),
        "submitted": labeler_annotations(project).filter(author=worker).count(),
    }


REVIEWER_KINDS = (WorkerFlag.Kind.REVIEW, WorkerFlag.Kind.REVIEW_GOLD)  # the reviewer page shows these
SORTS = {"worker", "answers", "accuracy", "agreement", "median_seconds", "flags", "rejected"}


def worker_table(project: Project, *, sort: str = "worker", flagged_only: bool = False, query: str = "") -> list:
    """One row per labeler for the manager: answers, gold accuracy with interval, agreement, median time,
    review outcome, open flags and pause."""
    import statistics

    gold = gold_accuracy_by_worker(project)
    agree: dict[int, list[tuple[float, int]]] = defaultdict(list)
    for control in workers_against_others(project):
        for worker_id, (mean, count) in control["workers"].items():
            agree[worker_id].append((mean * count, count))
    times: dict[int, list[int]] = defaultdict(list)
    for author_id, seconds in labeler_annotations(project).values_list("author_id", "active_seconds"):
        times[author_id].append(seconds)
    flags = defaultdict(list)
    for flag in WorkerFlag.objects.filter(project=project, resolved_at__isnull=True).exclude(kind__in=REVIEWER_KINDS):
        flags[flag.worker_id].append(flag)
    paused = dict(
        WorkerPause.objects.filter(project=project, role=WorkerPause.Role.LABELING, lifted_at__isnull=True).values_list(
            "worker_id", "reason"
        )
    )
    rejected = review_outcomes.rejections_per_author(project=project)
    people = User.objects.filter(id__in=set(times) | set(gold) | set(paused)).order_by("username")
    rows = []
    for person in people:
        if query and query.lower() not in person.username.lower():
            continue
        row = {
            "worker": person,
            "answers": len(times.get(person.id, [])),
            "gold": gold.get(person.id),
            "accuracy": gold[person.id]["accuracy"] if person.id in gold else None,
            "agreement": _agreement(agree[person.id])["accuracy"] if agree.get(person.id) else None,
            "agreement_interval": _agreement(agree[person.id]) if agree.get(person.id) else None,
            "median_seconds": statistics.median(times[person.id]) if times.get(person.id) else None,
            "flags": flags.get(person.id, []),
            "paused": paused.get(person.id),
            "rejected": rejected.get(person.id, 0),
        }
        if flagged_only and not (row["flags"] or row["paused"]):
            continue
        rows.append(row)
    return _sorted(rows, sort)


def _sorted(rows: list, sort: str) -> list:
    descending = sort.startswith("-")
    key = sort.lstrip("-")
    if key not in SORTS:
        key = "worker"
    if key == "worker":
        return sorted(rows, key=lambda row: row["worker"].username, reverse=descending)
    if key == "flags":
        return sorted(rows, key=lambda row: len(row["flags"]), reverse=descending)
    present = [row for row in rows if row[key] is not None]
    missing = [row for row in rows if row[key] is None]
    return sorted(present, key=lambda row: row[key], reverse=descending) + missing


def _agreement(parts: list[tuple[float, int]]) -> dict:
    """A worker's agreement over all controls, weighted by the pairs compared, with its 95 % interval."""
    return _accuracy(sum(total for total, _count in parts), sum(count for _total, count in parts))


def gold_list(project: Project) -> QuerySet[GoldItem]:
    return GoldItem.objects.filter(project=project).select_related("item").order_by("id")


def gold_rows(project: Project, limit: int = 50) -> list[dict]:
    """The first gold items with their answers in words (each control's title and the labels given)."""
    schema = schema_parse(project.schema)
    return [
        {
            "item": gold.item,
            "text": str((gold.item.data or {}).get("text", ""))[:120],
            "answer": answer_describe(schema, gold.answer or {}),
            "gold": gold,
        }
        for gold in gold_list(project)[:limit]
    ]


def last_flag_resolution(project: Project, worker: User):
    return WorkerFlag.objects.filter(project=project, worker=worker).aggregate(last=Max("resolved_at"))["last"]


def agreement_matrices(report: dict) -> dict:
    """For the agreement page: per control, a Cohen's κ matrix (rows and columns by worker) and each worker's
    mean agreement with the others, with usernames, plus chart figures."""
    ids = {worker for control in report["controls"] for worker in control["workers"]}
    names = dict(User.objects.filter(id__in=ids).values_list("id", "username"))
    matrices, figures = [], {}
    for control in report["controls"]:
        workers = sorted(control["workers"], key=lambda worker: names.get(worker, ""))
        rows = []
        for a in workers:
            cells = []
            for b in workers:
                pair = control["pairs"].get((a, b)) or control["pairs"].get((b, a))
                cells.append(1.0 if a == b else (pair[0] if pair else None))
            rows.append({"worker": names.get(a, "?"), "cells": cells})
        others = [
            {"worker": names.get(w, "?"), "mean": control["workers"][w][0], "comparisons": control["workers"][w][1]}
            for w in workers
        ]
        matrices.append({**control, "names": [names.get(w, "?") for w in workers], "rows": rows, "others": others})
        figures[f"agreement-{control['name']}"] = {
            "labels": [row["worker"] for row in others],
            "values": [round(row["mean"] * 100, 1) for row in others],
            "max": 100,
        }
    return {"matrices": matrices, "figures": figures}


def usernames(report: dict) -> dict[int, str]:
    ids = {worker for control in report["controls"] for worker in control["workers"]}
    ids |= {worker for control in report["controls"] for pair in control["pairs"] for worker in pair}
    return dict(User.objects.filter(id__in=ids).values_list("id", "username"))
