"""Quality engine: accuracy and time of each aggregation method on the Snow et al. (2008) crowd files, `auto`
on a generated crowd set of 7,500 labels, and the time of the agreement measures on a synthetic project.

    .venv/bin/python bench/quality_aggregation.py

The Snow files are read from ../shared/data/snow2008_rte_temp_wsd (licence uncertain: never copied into the
repository); without them that part is skipped. The crowd set is generated (`crowd_set`, fixed seed); bench/run.py
also times `datadam quality aggregate --method auto` on it.
"""

import csv
import random
import string
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


def crowd_set(
    seed: int = 2008, tasks: int = 1500, overlap: int = 5, workers: int = 60, gold_tasks: int = 300
) -> tuple[list[tuple[str, str, str]], dict[str, str]]:
    """(worker, task, label) rows and the gold (task → label) of a crowd set: `tasks` tasks of 3 classes, each
    labelled by `overlap` of `workers` workers; the workers range from careful to careless, and a few answer at
    random. Defaults: 1,500 tasks × 5 = 7,500 labels by 60 workers, gold for 300 tasks."""
    rng = random.Random(seed)
    classes = ("pos", "neg", "neu")
    names = [f"w{number:02d}" for number in range(workers)]
    skill = {name: rng.uniform(0.55, 0.95) for name in names}
    for name in rng.sample(names, workers // 12):
        skill[name] = 1 / len(classes)  # answers at random
    rows, truth = [], {}
    for number in range(tasks):
        task = f"t{number:04d}-{''.join(rng.choices(string.ascii_lowercase, k=3))}"
        truth[task] = rng.choice(classes)
        for name in rng.sample(names, overlap):
            right = rng.random() < skill[name]
            rows.append((name, task, truth[task] if right else rng.choice([c for c in classes if c != truth[task]])))
    gold = {task: truth[task] for task in rng.sample(sorted(truth), gold_tasks)}
    return rows, gold


def crowd_write(folder: Path, **sizes: int) -> tuple[Path, Path]:
    """The crowd set as the CSV files `datadam quality aggregate` reads: labels.csv and gold.csv."""
    rows, gold = crowd_set(**sizes)
    labels, truth = folder / "crowd_labels.csv", folder / "crowd_gold.csv"
    with labels.open("w", newline="", encoding="utf-8") as stream:
        csv.writer(stream).writerows([("worker", "task", "label"), *rows])
    with truth.open("w", newline="", encoding="utf-8") as stream:
        csv.writer(stream).writerows([("task", "label"), *gold.items()])
    return labels, truth


def crowd_table() -> None:
    rows, gold = crowd_set()
    started = time.perf_counter()
    outcome = aggregate(rows, "auto", gold)
    seconds = time.perf_counter() - started
    print(
        f"\n`auto` on the crowd set ({len(rows):,} labels, {len(gold)} gold tasks): chose {outcome.method} on"
        f" {outcome.chosen_on} gold tasks, accuracy {outcome.held_out_accuracy:.4f} on {outcome.held_out}"
        f" held-out gold tasks, {seconds:.2f} s"
    )


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
    crowd_table()
    agreement_table()
