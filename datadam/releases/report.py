"""The release's quality verification report: figures from the frozen entries and the project's history.

Collector gathers what needs a pass over the data (format validity, syntactic accuracy, label distribution,
data statistics) while the package is written. What comes from the project's history (semantic accuracy from
the inspected sample, agreement on overlapped items, workers, reviewers, time span, the consensus) is worked
out once, at the cut (`cut_figures`, `consensus_figures`), and kept in the release's snapshot, so a build
made later reports the same. `compute` puts both together and compares with the project's targets.

Every proportion carries its 95 % Wilson interval; agreement (mean pairwise score, Krippendorff's α,
Fleiss' κ) carries a bootstrap interval over items (bootstrap.py: fixed seed, 1,000 resamples).
"""

import itertools
import math
from collections import Counter, defaultdict

from django.db.models import Max, Min

from datadam.core.errors import SchemaViolation
from datadam.core.stats import wilson_interval
from datadam.labeling.models import Annotation
from datadam.projects.schema.controls import score_in, traits_of
from datadam.projects.schema.validate import annotation_validate, schema_parse
from datadam.projects.withheld import withheld_count
from datadam.quality import agreement as quality_agreement
from datadam.releases import stages_passed
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
BELOW_FLOOR_SHOWN = 1000
CONFIDENCE_BUCKETS = [0.5, 0.6, 0.7, 0.8, 0.9, 0.99]


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
            for label in _labels_in(control, result.get(control.name)):
                self.distribution[control.name][label] += 1
        for name, running in self.measures.items():
            if isinstance(measures.get(name), int | float):
                running.add(measures[name])


def _labels_in(control, value: object) -> list[str]:
    if value is None or value == "" or not traits_of(control).label_counts:
        return []
    if isinstance(value, list):
        return [str(part.get("label", "")) if isinstance(part, dict) else str(part) for part in value]
    return [str(value)]


def _percent(part: float, whole: float) -> float | None:
    return round(100 * part / whole, 2) if whole else None


def proportion(part: float, whole: float, **counts: int) -> dict:
    """A share in percent with its 95 % Wilson interval (in percent, None when there is nothing to count)."""
    low, high = wilson_interval(part, whole)
    return counts | {
        "percent": _percent(part, whole),
        "ci_low": round(100 * low, 2) if whole else None,
        "ci_high": round(100 * high, 2) if whole else None,
    }


def cut_figures(release: Release) -> dict:
    """The figures read from the project's history, worked out at the cut and kept with the release."""
    project, cut_at = release.project, release.cut_at
    return {
        "semantic_accuracy": semantic_accuracy(project.id, cut_at),
        "agreement": agreement(project, cut_at, schema_parse(project.schema).controls),
        "people": people(project.id, cut_at),
        "time_span": time_span(project.id, cut_at),
        "targets": targets_of(project),
        "inspection": stages_passed.figures(release),
        "held_back": withheld_count(project.id),  # items left out while a manager checks a report
    }


def targets_of(project) -> dict:
    targets = QualityTargets.objects.filter(project=project).first() or QualityTargets(project=project)
    return {
        "format_validity": targets.format_validity,
        "syntactic_accuracy": targets.syntactic_accuracy,
        "semantic_accuracy": targets.semantic_accuracy,
    }


def consensus_figures(release: Release, summary: dict, floor_percent: float) -> dict:
    """The consensus at the cut: the method, how confident it is over the items, the items below the floor
    (each item's confidence is in consensus.csv and in its label file), and the items left out."""
    floor = floor_percent / 100
    rows = release.entries.order_by("item_id").values_list("item_id", "external_id", "confidence")
    confidences = Running(CONFIDENCE_BUCKETS)
    below = []
    for item_id, external_id, confidence in rows.iterator(chunk_size=5000):
        if confidence is None:
            continue
        confidences.add(confidence)
        if confidence < floor:
            below.append({"item_id": item_id, "external_id": external_id, "confidence": confidence})
    return summary | {
        "released": release.entries_total,
        "floor_percent": floor_percent,
        "confidence": confidences.figures(),
        "below_floor": {"count": len(below), "items": below[:BELOW_FLOOR_SHOWN]},
        "per_item_file": "consensus.csv",
    }


def compute(release: Release, collector: Collector) -> dict:
    history = release.snapshot.get("figures") or cut_figures(release)  # releases cut before snapshots existed
    figures = {
        "version": release.version,
        "source": release.source,
        "format_validity": proportion(collector.files_ok, collector.files_total, ok=collector.files_ok,
                                      total=collector.files_total),
        "syntactic_accuracy": proportion(collector.valid, collector.checked, valid=collector.valid,
                                         total=collector.checked) | {"problems": collector.problems},
        "semantic_accuracy": history["semantic_accuracy"],
        "agreement": history["agreement"],
        "label_distribution": {
            name: dict(sorted(counts.items(), key=lambda pair: (-pair[1], pair[0])))
            for name, counts in collector.distribution.items()
        },
        "completeness": proportion(release.entries_total, release.items_in_project,
                                   labelled=release.entries_total, items=release.items_in_project),
        "splits": dict(Counter(release.entries.values_list("split", flat=True).iterator(chunk_size=5000))),
        "people": history["people"],
        "time_span": history["time_span"],
        "data_statistics": {name: running.figures() for name, running in collector.measures.items()},
        "targets": history.get("targets") or targets_of(release.project),
    }
    if release.snapshot.get("consensus"):
        figures["consensus"] = release.snapshot["consensus"]
    figures["held_back"] = history.get("held_back", 0)
    if history.get("inspection"):  # the stages each item passed (releases cut before stages existed have none)
        figures["inspection"] = history["inspection"]
    figures["below_target"] = [
        name for name, target in figures["targets"].items()
        if figures[name]["percent"] is None or figures[name]["percent"] < target
    ]
    return figures


def semantic_accuracy(project_id: int, cut_at) -> dict:
    """The share of inspected work the reviewers accepted as it was; corrections and rejections count as wrong.
    Counted per piece of work, so a piece judged at several inspection stages counts once (wrong if any stage
    sent it back or corrected it)."""
    verdicts = Review.objects.filter(project_id=project_id, created_at__lte=cut_at)
    inspected = verdicts.values("annotation_id").distinct().count()
    wrong = verdicts.exclude(verdict=Review.Verdict.ACCEPT).values("annotation_id").distinct().count()
    accepted = inspected - wrong
    return proportion(accepted, inspected, accepted=accepted, inspected=inspected)


def agreement(project, cut_at, controls: list) -> dict:
    """Mean pairwise score between different workers' first answers on the same item (the controls' scores),
    and per single-choice or rating control Krippendorff's α and Fleiss' κ, each with a bootstrap interval."""
    rows = (
        Annotation.objects.filter(project=project, version=1, created_at__lte=cut_at, item__gold__isnull=True)
        .order_by("item_id", "author_id")
        .values_list("item_id", "author_id", "result")
        .iterator(chunk_size=5000)
    )
    scalar = [c for c in controls if traits_of(c).agreement]
    units: dict[str, dict] = {control.name: {} for control in scalar}
    totals, pair_counts = [], []
    for item_id, group in itertools.groupby(rows, key=lambda row: row[0]):
        by_author = {author: result or {} for _i, author, result in group}
        if len(by_author) < 2:
            continue
        scores = [_pair_score(controls, a, b) for a, b in itertools.combinations(by_author.values(), 2)]
        totals.append(sum(scores))
        pair_counts.append(len(scores))
        for control in scalar:
            given = {a: r[control.name] for a, r in by_author.items() if r.get(control.name) not in (None, "", [])}
            if len(given) >= 2:
                units[control.name][item_id] = given
    pairs, total = sum(pair_counts), sum(totals)
    from datadam.releases import bootstrap  # numpy, loaded only by the build that computes the report

    interval = bootstrap.ratio(totals, pair_counts)
    return {
        "items": len(totals), "pairs": pairs, "percent": _percent(total, pairs),
        "ci_low": round(100 * interval[0], 2) if interval else None,
        "ci_high": round(100 * interval[1], 2) if interval else None,
        "controls": [_control_agreement(c, units[c.name]) for c in scalar if len(units[c.name]) >= 2],
        "bootstrap": {"resamples": bootstrap.RESAMPLES, "seed": bootstrap.SEED, "over": "items"},
    }


def _control_agreement(control, units: dict) -> dict:
    from datadam.releases import bootstrap  # numpy, loaded only by the build that computes the report

    level = traits_of(control).agreement
    if level == "interval":
        units = {item: {w: v for w, v in given.items() if isinstance(v, int | float)} for item, given in units.items()}
    hashable = {item: {w: _hashable(v) for w, v in given.items()} for item, given in units.items()}
    alpha = quality_agreement.krippendorff_alpha(hashable, level)
    kappa = quality_agreement.fleiss(hashable) if level == "nominal" else None
    alpha_ci = bootstrap.interval(bootstrap.alpha_rows(hashable, level), lambda s: bootstrap.alpha_from(s, level))
    kappa_ci = bootstrap.interval(bootstrap.kappa_rows(hashable), bootstrap.kappa_from) if kappa is not None else None
    return {
        "name": control.name, "level": level, "items": len(units),
        "alpha": None if alpha is None else round(alpha, 4), "alpha_ci": alpha_ci,
        "kappa": None if kappa is None else round(kappa, 4), "kappa_ci": kappa_ci,
    }


def _hashable(value: object) -> object:
    return repr(value) if isinstance(value, list | dict) else value


def _pair_score(controls: list, first: dict, second: dict) -> float:
    scores = []
    for control in controls:
        a, b = first.get(control.name), second.get(control.name)
        if a in (None, "") and b in (None, ""):
            continue
        try:
            scores.append(score_in(control, first, second))
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
