"""Active learning on the NSMC slice: model accuracy against labels, random order versus uncertainty order.

Simulated labelers give the true label of every item they are served. The model is the app's own built-in
text classifier (datadam.assist.assistants.text_classifier.TextClassifier), not a copy. Per seed: 500
reviews are held out, the other 1,500 form the pool, labeled in steps of 50; both orders start from the
same 50 random reviews. A pre-label counts as accepted unchanged when the model's guess for a served
review (made before it was labeled) equals its true label.

    .venv/bin/python bench/learning_curve.py            # 5 seeds, about 2 minutes on 2 cores
    .venv/bin/python bench/learning_curve.py --seeds 1  # a quick look

Writes bench/results/learning_curve.json and bench/results/learning_curve.png.
"""

import argparse
import csv
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from datadam.assist.assistants.text_classifier import TextClassifier  # noqa: E402
from datadam.assist.assistants.uncertainty import uncertainty  # noqa: E402

DATA = ROOT / "datadam" / "demo" / "data" / "nsmc_reviews_2000.tsv"
RESULTS = ROOT / "bench" / "results"
HELDOUT, STEP, REFERENCE = 500, 50, 1000


def load() -> tuple[list[str], np.ndarray]:
    with DATA.open(encoding="utf-8", newline="") as source:
        rows = list(csv.DictReader(source, delimiter="\t"))
    texts = [row["document"] for row in rows]
    labels = np.array(["positive" if row["label"] == "1" else "negative" for row in rows])
    return texts, labels


def run_one(texts: list[str], labels: np.ndarray, seed: int, order: str, measure: str) -> dict:
    rng = np.random.default_rng(seed)
    permutation = rng.permutation(len(texts))
    heldout, pool = permutation[:HELDOUT], permutation[HELDOUT:]
    heldout_texts, heldout_labels = [texts[i] for i in heldout], labels[heldout]
    labeled = list(pool[:STEP])  # the same first 50 for both orders
    unlabeled = list(pool[STEP:])
    sizes, accuracies, served, accepted = [], [], 0, 0
    while True:
        model = TextClassifier(seed=seed).fit([texts[i] for i in labeled], list(labels[labeled]), min_labels=2)
        sizes.append(len(labeled))
        accuracies.append(model.accuracy(heldout_texts, list(heldout_labels)))
        if not unlabeled:
            break
        if order == "uncertainty":
            scores = uncertainty(model.probabilities([texts[i] for i in unlabeled]), measure)
            picked = set(np.argsort(-scores, kind="stable")[:STEP].tolist())
            batch = [unlabeled[k] for k in sorted(picked)]
            unlabeled = [item for k, item in enumerate(unlabeled) if k not in picked]
        else:
            batch, unlabeled = unlabeled[:STEP], unlabeled[STEP:]
        guesses = [guess.label for guess in model.predict([texts[i] for i in batch])]
        served += len(batch)
        accepted += int(np.sum(np.array(guesses) == labels[batch]))
        labeled += batch
    return {"sizes": sizes, "accuracy": accuracies, "prelabels_served": served, "prelabels_accepted": accepted}


def labels_needed(sizes: list[int], curve: np.ndarray, target: float) -> int | None:
    reached = [size for size, value in zip(sizes, curve, strict=True) if value >= target]
    return reached[0] if reached else None


def summarize(runs: dict[str, list[dict]]) -> dict:
    sizes = runs["random"][0]["sizes"]
    mean = {order: np.mean([run["accuracy"] for run in group], axis=0) for order, group in runs.items()}
    std = {order: np.std([run["accuracy"] for run in group], axis=0) for order, group in runs.items()}
    target = float(mean["random"][sizes.index(REFERENCE)])
    per_seed = [
        labels_needed(sizes, np.array(u["accuracy"]), r["accuracy"][sizes.index(REFERENCE)])
        for r, u in zip(runs["random"], runs["uncertainty"], strict=True)
    ]
    acceptance = {
        order: sum(run["prelabels_accepted"] for run in group) / sum(run["prelabels_served"] for run in group)
        for order, group in runs.items()
    }
    return {
        "sizes": sizes,
        "mean_accuracy": {order: [round(float(v), 4) for v in values] for order, values in mean.items()},
        "std_accuracy": {order: [round(float(v), 4) for v in values] for order, values in std.items()},
        "random_accuracy_at_1000": round(target, 4),
        "uncertainty_labels_needed": labels_needed(sizes, mean["uncertainty"], target),
        "uncertainty_labels_needed_per_seed": per_seed,
        "prelabel_accepted_share": {order: round(value, 4) for order, value in acceptance.items()},
    }


def plot(summary: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sizes = summary["sizes"]
    figure, axis = plt.subplots(figsize=(7, 4.5), dpi=120)
    for order, colour in (("random", "tab:blue"), ("uncertainty", "tab:orange")):
        mean, std = np.array(summary["mean_accuracy"][order]), np.array(summary["std_accuracy"][order])
        axis.plot(sizes, mean, marker="o", markersize=3, color=colour, label=f"{order} order")
        axis.fill_between(sizes, mean - std, mean + std, color=colour, alpha=0.15)
    target = summary["random_accuracy_at_1000"]
    axis.axhline(
        target, color="grey", linestyle="--", linewidth=1, label=f"random order at 1,000 labels ({target:.3f})"
    )
    if summary["uncertainty_labels_needed"]:
        axis.axvline(summary["uncertainty_labels_needed"], color="tab:orange", linestyle=":", linewidth=1)
    axis.set_xlabel("accepted labels")
    axis.set_ylabel("accuracy on 500 held-out reviews")
    axis.set_title(f"NSMC slice, char n-gram TF-IDF + logistic regression, mean ± sd of {summary['seeds']} seeds")
    axis.title.set_fontsize(9)
    axis.grid(alpha=0.3)
    axis.legend(loc="lower right", fontsize=8)
    figure.tight_layout()
    figure.savefig(path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=5)
    parser.add_argument("--measure", choices=["least_confidence", "margin"], default="least_confidence")
    options = parser.parse_args()
    texts, labels = load()
    started = time.perf_counter()
    runs: dict[str, list[dict]] = {"random": [], "uncertainty": []}
    for seed in range(options.seeds):
        for order in runs:
            runs[order].append(run_one(texts, labels, seed, order, options.measure))
        print(f"seed {seed} done ({time.perf_counter() - started:.0f} s)", flush=True)
    summary = {"seeds": options.seeds, "measure": options.measure, "heldout": HELDOUT, "step": STEP}
    summary |= summarize(runs)
    summary["seconds"] = round(time.perf_counter() - started, 1)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "learning_curve.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    plot(summary, RESULTS / "learning_curve.png")
    print(json.dumps({key: summary[key] for key in summary if key not in {"mean_accuracy", "std_accuracy"}}, indent=2))


if __name__ == "__main__":
    main()
