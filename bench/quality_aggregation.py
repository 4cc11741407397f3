"""Quality engine: accuracy and time of each aggregation method on the Snow et al. (2008) crowd files, and the
time of the agreement measures on a synthetic project.

    .venv/bin/python bench/quality_aggregation.py

The Snow files are read from ../shared/data/snow2008_rte_temp_wsd (licence uncertain: never copied into the
repository); without them only the agreement part runs.
"""

import csv
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from datadam.quality.aggregation import accuracy, aggregate  # noqa: E402
from datadam.quality.agreement import cohen_kappa_pairs, fleiss, krippendorff_alpha  # noqa: E402

SNOW = Path(__file__).resolve().parents[2] / "shared" / "data" / "snow2008_rte_temp_wsd"


def snow(name: str) -> tuple[list, dict]:
    rows, gold = [], {}
    with (SNOW / f"{name}.standardized.tsv").open(encoding="utf-8") as stream:
        reader = csv.reader(stream, delimiter="\t")
        next(reader)
        for _assignment, worker, task, response, truth in reader:
            rows.append((worker, task, response))
            gold[task] = truth
    return rows, gold


def aggregation_table() -> None:
    print("| set | labels | method | accuracy | seconds |\n|---|---|---|---|---|")
    for name in ("rte", "temp", "wsd"):
        rows, gold = snow(name)
        for method in ("mv", "ds", "wawa", "auto"):
            started = time.perf_counter()
            outcome = aggregate(rows, method, gold)
            seconds = time.perf_counter() - started
            chosen = f"auto → {outcome.method}" if method == "auto" else method
            print(f"| {name} | {len(rows)} | {chosen} | {accuracy(outcome.labels, gold):.4f} | {seconds:.2f} |")


def agreement_table(items: int = 2000, workers: int = 20, overlap: int = 3) -> None:
    rng = random.Random(7)
    units = {}
    for item in range(items):
        truth = rng.choice("abc")
        people = rng.sample(range(workers), overlap)
        units[item] = {w: truth if rng.random() < 0.8 else rng.choice("abc") for w in people}
    print(
        f"\nAgreement on {items} items × {overlap} of {workers} workers:\n| measure | value | seconds |\n|---|---|---|"
    )
    for label, run in [
        ("Krippendorff α (nominal)", lambda: krippendorff_alpha(units)),
        ("Fleiss κ", lambda: fleiss(units)),
        ("Cohen κ, all pairs", lambda: len(cohen_kappa_pairs(units))),
    ]:
        started = time.perf_counter()
        value = run()
        shown = value if isinstance(value, int) else round(value, 4)
        print(f"| {label} | {shown} | {time.perf_counter() - started:.2f} |")


if __name__ == "__main__":
    if SNOW.is_dir():
        aggregation_table()
    else:
        print("Snow files not found beside the repository (../shared/data); aggregation part skipped")
    agreement_table()
