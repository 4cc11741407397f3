"""Aggregating overlapped labels into one answer per item, with crowd-kit where it has the method.

Input everywhere is a table of (worker, task, label) rows. Methods:
- `mv` majority vote. Tie rule: among the labels with the most votes, the one whose voters have the higher
  summed agreement with the other workers' majority wins; if still tied, the label that sorts first.
  Confidence = the winner's share of the votes.
- `ds` Dawid-Skene (crowd-kit, EM from majority-vote start); confidence = posterior of the chosen label.
- `wawa` worker-agreement-with-aggregate (crowd-kit); confidence = its probability of the chosen label.
- `auto` the gold tasks are split in two (seeded, so the same input gives the same split): each of the above
  is scored on the first half and the best one is used (ties: ds, wawa, mv); its accuracy is then measured
  on the second half, which played no part in the choice. Without gold, Dawid-Skene. Each method runs once
  over all the labels (none of them learns from gold), so the cost is linear in the labels and the gold.
ROVER combines transcripts (free text) word by word; boxes are merged by IoU clustering.
"""

from __future__ import annotations

import random
import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    import pandas as pd

METHODS = ("mv", "ds", "wawa", "auto")
METHOD_NAMES = {
    "mv": _("majority vote"),
    "ds": _("Dawid-Skene (weighs each labeler by estimated skill)"),
    "wawa": _("Wawa (weighs each labeler by agreement with the majority)"),
    "auto": _("automatic (the method that does best on the gold questions)"),
}
GOLD_SPLIT_SEED = 2008


class AggregationError(ValueError):
    """Input that cannot be aggregated, with a message a person can act on."""


@dataclass(frozen=True)
class Outcome:
    labels: dict[str, tuple[str, float]]  # task → (label, confidence)
    method: str  # the method used (for auto: the one it chose)
    gold_accuracy: dict[str, float]  # method → accuracy on the gold tasks that chose it (auto only)
    chosen_on: int = 0  # auto: gold tasks the choice was made on
    held_out: int = 0  # auto: gold tasks kept aside to measure the chosen method
    held_out_accuracy: float | None = None  # auto: the chosen method's accuracy on those; None without any


def _frame(rows: list[tuple[str, str, str]]) -> pd.DataFrame:
    if not rows:
        raise AggregationError("there are no labels to aggregate")
    import pandas as pd  # loaded on use: the web process starts without pandas

    return pd.DataFrame(rows, columns=["worker", "task", "label"]).astype(str)


def majority_vote(data: pd.DataFrame) -> dict[str, tuple[str, float]]:
    counts = data.groupby(["task", "label"]).size().rename("votes").reset_index()
    counts["top"] = counts["votes"] == counts.groupby("task")["votes"].transform("max")
    # A worker's weight for breaking ties: how often they side with the plain majority of an item.
    weight = data.merge(counts, on=["task", "label"]).groupby("worker")["top"].mean()
    scores = data.assign(weight=data["worker"].map(weight)).groupby(["task", "label"])["weight"].sum()
    counts = counts.join(scores, on=["task", "label"])
    counts["share"] = counts["votes"] / counts.groupby("task")["votes"].transform("sum")
    ranked = counts.sort_values(["task", "votes", "weight", "label"], ascending=[True, False, False, True])
    best = ranked.drop_duplicates("task")
    return {task: (label, float(share)) for task, label, share in zip(best.task, best.label, best.share, strict=True)}


def _from_proba(proba: pd.DataFrame) -> dict[str, tuple[str, float]]:
    chosen, confidence = proba.idxmax(axis=1), proba.max(axis=1)
    return {
        str(task): (str(label), float(share))
        for task, label, share in zip(proba.index, chosen, confidence, strict=True)
    }


def dawid_skene(data: pd.DataFrame) -> dict[str, tuple[str, float]]:
    from crowdkit.aggregation import DawidSkene

    with warnings.catch_warnings():  # crowd-kit 1.4.2 uses pandas keywords that pandas 3 deprecates
        warnings.simplefilter("ignore")
        return _from_proba(DawidSkene(n_iter=100).fit(data).probas_)


def wawa(data: pd.DataFrame) -> dict[str, tuple[str, float]]:
    from crowdkit.aggregation import Wawa

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return _from_proba(Wawa().fit_predict_proba(data))


RUNNERS = {"mv": majority_vote, "ds": dawid_skene, "wawa": wawa}


def accuracy(labels: dict[str, tuple[str, float]], gold: dict[str, str]) -> float:
    scored = [task for task in gold if task in labels]
    if not scored:
        return 0.0
    return sum(labels[task][0] == gold[task] for task in scored) / len(scored)


def split_gold(gold: dict[str, str], seed: int = GOLD_SPLIT_SEED) -> tuple[dict[str, str], dict[str, str]]:
    """(the gold that chooses, the gold held out): a seeded shuffle cut in half, the odd task to the first part."""
    tasks = sorted(gold)
    random.Random(seed).shuffle(tasks)
    half = (len(tasks) + 1) // 2
    return {task: gold[task] for task in tasks[:half]}, {task: gold[task] for task in tasks[half:]}


def aggregate(rows: list[tuple[str, str, str]], method: str, gold: dict[str, str] | None = None) -> Outcome:
    """Aggregate (worker, task, label) rows. `gold` (task → label) is only needed for `auto`."""
    if method not in METHODS:
        raise AggregationError(f"unknown method {method!r}; choose one of: {', '.join(METHODS)}")
    data = _frame(rows)
    if method != "auto":
        return Outcome(RUNNERS[method](data), method, {})
    tasks = set(data["task"])
    known = {task: label for task, label in (gold or {}).items() if task in tasks}
    if not known:
        return Outcome(dawid_skene(data), "ds", {})
    choosing, held_out = split_gold(known)
    results = {name: run(data) for name, run in RUNNERS.items()}
    scores = {name: accuracy(results[name], choosing) for name in results}
    best = max(["ds", "wawa", "mv"], key=lambda name: scores[name])  # max keeps the first of equals
    measured = accuracy(results[best], held_out) if held_out else None
    return Outcome(results[best], best, scores, len(choosing), len(held_out), measured)


# ROVER for transcripts: crowd-kit aligns the word sequences and votes per position.
def rover(rows: list[tuple[str, str, str]]) -> dict[str, tuple[str, float]]:
    import pandas as pd  # loaded on use, like crowd-kit
    from crowdkit.aggregation import ROVER

    data = pd.DataFrame(rows, columns=["worker", "task", "text"]).astype(str)
    texts = ROVER(tokenizer=lambda text: text.split(), detokenizer=lambda words: " ".join(words)).fit_predict(data)
    result = {}
    for task, text in texts.items():
        answers = data.loc[data.task == task, "text"]
        result[str(task)] = (str(text), float((answers == text).mean()))
    return result


def _iou(a: dict, b: dict) -> float:
    left, top = max(a["x"], b["x"]), max(a["y"], b["y"])
    right = min(a["x"] + a["width"], b["x"] + b["width"])
    bottom = min(a["y"] + a["height"], b["y"] + b["height"])
    inter = max(0.0, right - left) * max(0.0, bottom - top)
    union = a["width"] * a["height"] + b["width"] * b["height"] - inter
    return inter / union if union > 0 else 0.0


def merge_boxes(answers: list[list[dict]], threshold: float = 0.5) -> tuple[list[dict], float]:
    """Boxes from several workers on one image → the boxes a majority drew, averaged.

    Boxes of the same label cluster greedily (IoU ≥ threshold with the cluster's first box, one box per
    worker per cluster); a cluster holding more than half the workers becomes one box with the mean
    coordinates. Confidence = mean share of workers behind each kept box (1.0 when nobody drew any).
    """
    workers = len(answers)
    clusters: list[list[tuple[int, dict]]] = []
    for worker, boxes in enumerate(answers):
        for box in boxes:
            home = next(
                (
                    cluster
                    for cluster in clusters
                    if cluster[0][1]["label"] == box["label"]
                    and worker not in {w for w, _b in cluster}
                    and _iou(cluster[0][1], box) >= threshold
                ),
                None,
            )
            if home is None:
                clusters.append([(worker, box)])
            else:
                home.append((worker, box))
    merged, support = [], []
    for number, cluster in enumerate(c for c in clusters if len(c) * 2 > workers):
        boxes = [box for _w, box in cluster]
        mean = {key: sum(box[key] for box in boxes) / len(boxes) for key in ("x", "y", "width", "height")}
        merged.append({"id": f"b{number + 1}", **mean, "label": boxes[0]["label"]})
        support.append(len(cluster) / workers)
    return merged, (sum(support) / len(support) if support else 1.0)
