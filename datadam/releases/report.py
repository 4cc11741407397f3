"""The release's quality verification report: figures from the frozen entries and the project's history.

Collector gathers what needs a pass over the data (format validity, syntactic accuracy, label distribution,
data statistics) while the package is written; `compute` adds what comes from the database (semantic
accuracy from the inspected sample with a 95 % Wilson interval, agreement on overlapped items, completeness,
workers, reviewers, time span) and compares with the project's targets.
"""

import itertools
import math
from collections import Counter, defaultdict

from django.db.models import Max, Min

from datadam.core.errors import SchemaViolation
from datadam.core.stats import wilson_interval
from datadam.labeling.models import Annotation
from datadam.projects.schema.controls import KINDS
from datadam.projects.schema.validate import annotation_validate, schema_parse
from datadam.releases.models import QualityTargets, Release
from datadam.review.models import Review

# Upper bounds of the histogram buckets; the last bucket holds everything above.
BUCKETS = {
    "text_length": [10, 20, 50, 100, 200, 500, 1000, 2000, 5000],
    "image_width": [320, 640, 1024, 1920, 3840],
    "image_height": [240, 480, 768, 1080, 2160],
    "audio_duration": [1, 2, 5, 10, 30, 60, 300],
}
PROBLEMS_SHOWN = 10


class Running:
    """Count, sum, min, max and a fixed histogram: flat memory whatever the number of values."""

    def __init__(self, bounds: list[float]) -> None:
        self.bounds, self.counts = bounds, [0] * (len(bounds) + 1)
        self.count, self.total, self.low, self.high = 0, 0.0, math.inf, -math.inf

    def add(self, value: float) -> None:
        self.count += 1
        self.total += value
        self.low, self.high = min(self.low, value), max(self.high, value)
        self.counts[next((i for i, bound in enumerate(self.bounds) if value <= bound), len(self.bounds))] += 1

    def figures(self) -> dict:
        if not self.count:
            return {"count": 0}
        labels = [f"≤{bound:g}" for bound in self.bounds] + [f">{self.bounds[-1]:g}"]
        return {
            "count": self.count,
            "min": round(self.low, 3),
            "mean": round(self.total / self.count, 3),
            "max": round(self.high, 3),
            "histogram": [{"bucket": label, "count": n} for label, n in zip(labels, self.counts, strict=True)],
        }


class Collector:
    def __init__(self, schema: dict, project_id: int | None = None) -> None:
        self.schema = schema_parse(schema)
        self.project_id = project_id  # checks spans, boxes and segments against the item's text, image and audio
        self.controls = self.schema.controls
        self.files_ok = self.files_total = 0
        self.valid = self.checked = 0
        self.problems: list[str] = []
        self.distribution: dict[str, Counter] = defaultdict(Counter)
        self.measures = {name: Running(bounds) for name, bounds in BUCKETS.items()}

    def add(self, *, data: dict, result: dict, raw_ok: bool, measures: dict) -> None:
        self.files_total += 2  # the raw file and its label file
        self.files_ok += int(raw_ok) + 1  # the label file is written from parsed JSON, so it always parses
        self.checked += 1
        try:
            annotation_validate(self.schema, result, data, project_id=self.project_id)
            self.valid += 1
        except SchemaViolation as exc:
            if len(self.problems) < PROBLEMS_SHOWN:
                self.problems.append(str(exc))
        for control in self.controls:
            for label in _labels_in(control.type, result.get(control.name)):
                self.distribution[control.name][label] += 1
        for name, running in self.measures.items():
            if isinstance(measures.get(name), int | float):
                running.add(measures[name])


def _labels_in(kind: str, value: object) -> list[str]:
    if value is None or value == "" or kind == "text":
        return []
    if isinstance(value, list):
        return [str(part.get("label", "")) if isinstance(part, dict) else str(part) for part in value]
    return [str(value)]


def _percent(part: float, whole: float) -> float | None:
    return round(100 * part / whole, 2) if whole else None


def compute(release: Release, collector: Collector) -> dict:
    project, cut_at = release.project, release.cut_at
    targets = QualityTargets.objects.filter(project=project).first() or QualityTargets(project=project)
    figures = {
        "version": release.version,
        "format_validity": {
            "ok": collector.files_ok, "total": collector.files_total,
            "percent": _percent(collector.files_ok, collector.files_total),
        },
        "syntactic_accuracy": {
            "valid": collector.valid, "total": collector.checked,
            "percent": _percent(collector.valid, collector.checked), "problems": collector.problems,
        },
        "semantic_accuracy": semantic_accuracy(project.id, cut_at),
        "agreement": agreement(project, cut_at, collector),
        "label_distribution": {
            name: dict(sorted(counts.items(), key=lambda pair: (-pair[1], pair[0])))
            for name, counts in collector.distribution.items()
        },
        "completeness": {
            "labelled": release.entries_total, "items": release.items_in_project,
            "percent": _percent(release.entries_total, release.items_in_project),
        },
        "splits": dict(Counter(release.entries.values_list("split", flat=True).iterator(chunk_size=5000))),
        "people": people(project.id, cut_at),
        "time_span": time_span(project.id, cut_at),
        "data_statistics": {name: running.figures() for name, running in collector.measures.items()},
        "targets": {
            "format_validity": targets.format_validity,
            "syntactic_accuracy": targets.syntactic_accuracy,
            "semantic_accuracy": targets.semantic_accuracy,
        },
    }
    figures["below_target"] = [
        name for name, target in figures["targets"].items()
        if figures[name]["percent"] is None or figures[name]["percent"] < target
    ]
    return figures


def semantic_accuracy(project_id: int, cut_at) -> dict:
    """The share of inspected work the reviewers accepted as it was; corrections and rejections count as wrong."""
    verdicts = Counter(
        Review.objects.filter(project_id=project_id, created_at__lte=cut_at).values_list("verdict", flat=True)
    )
    inspected, accepted = sum(verdicts.values()), verdicts.get(Review.Verdict.ACCEPT, 0)
    low, high = wilson_interval(accepted, inspected)
    return {
        "accepted": accepted, "inspected": inspected, "percent": _percent(accepted, inspected),
        "ci_low": round(100 * low, 2), "ci_high": round(100 * high, 2),
    }


def agreement(project, cut_at, collector: Collector) -> dict:
    """Mean pairwise score between different workers' first answers on the same item (the controls' scores)."""
    rows = (
        Annotation.objects.filter(project=project, version=1, created_at__lte=cut_at)
        .order_by("item_id", "author_id")
        .values_list("item_id", "author_id", "result")
        .iterator(chunk_size=5000)
    )
    items = pairs = 0
    total = 0.0
    for _item_id, group in itertools.groupby(rows, key=lambda row: row[0]):
        answers = list({author: result for _i, author, result in group}.values())
        if len(answers) < 2:
            continue
        items += 1
        for first, second in itertools.combinations(answers, 2):
            pairs += 1
            total += _pair_score(collector, first, second)
    return {"items": items, "pairs": pairs, "percent": _percent(total, pairs)}


def _pair_score(collector: Collector, first: dict, second: dict) -> float:
    scores = []
    for control in collector.controls:
        a, b = first.get(control.name), second.get(control.name)
        if a in (None, "") and b in (None, ""):
            continue
        try:
            scores.append(KINDS[control.type].score(control, a, b))
        except (TypeError, ValueError, KeyError, AttributeError):  # one malformed answer scores as disagreement
            scores.append(0.0)
    return sum(scores) / len(scores) if scores else 1.0


def people(project_id: int, cut_at) -> dict:
    workers = (
        Annotation.objects.filter(project_id=project_id, created_at__lte=cut_at, version=1)
        .values("author_id").distinct().count()
    )
    reviewers = (
        Review.objects.filter(project_id=project_id, created_at__lte=cut_at).values("reviewer_id").distinct().count()
    )
    return {"workers": workers, "reviewers": reviewers}


def time_span(project_id: int, cut_at) -> dict:
    work = Annotation.objects.filter(project_id=project_id, created_at__lte=cut_at).aggregate(
        first=Min("created_at"), last=Max("created_at")
    )
    last_review = Review.objects.filter(project_id=project_id, created_at__lte=cut_at).aggregate(
        last=Max("created_at")
    )["last"]
    first, last = work["first"], max(filter(None, [work["last"], last_review]), default=None)
    if first is None:
        return {"first": None, "last": None, "days": 0}
    return {"first": first.date().isoformat(), "last": last.date().isoformat(), "days": (last - first).days + 1}
