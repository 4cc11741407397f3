"""Label and gold CSV files for the analysts' `datadam quality aggregate` command.

Every problem is reported with the file name and line; nothing is written unless the whole input is good.
"""

import csv
import os
import tempfile
from pathlib import Path

from datadam.quality.aggregation import AggregationError

LABEL_COLUMNS = ("worker", "task", "label")
GOLD_COLUMNS = ("task", "label")


def _rows(path: Path, columns: tuple[str, ...]) -> list[tuple[str, ...]]:
    try:
        stream = path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise AggregationError(f"{path}: cannot be read ({exc.strerror})") from None
    with stream:
        reader = csv.reader(stream)
        header = next(reader, None)
        if header is None:
            raise AggregationError(f"{path}: the file is empty; it needs a header row {','.join(columns)}")
        header = [name.strip().lower() for name in header]
        missing = [name for name in columns if name not in header]
        if missing:
            raise AggregationError(
                f"{path}, line 1: missing column {', '.join(missing)} (the header must be {','.join(columns)})"
            )
        where = [header.index(name) for name in columns]
        rows = []
        for number, row in enumerate(reader, start=2):
            if not any(cell.strip() for cell in row):
                continue
            if len(row) < len(header):
                raise AggregationError(f"{path}, line {number}: expected {len(header)} values, found {len(row)}")
            values = tuple(row[index].strip() for index in where)
            if not all(values):
                raise AggregationError(f"{path}, line {number}: a value is empty")
            rows.append(values)
    if not rows:
        raise AggregationError(f"{path}: there are no rows under the header")
    return rows


def labels_read(path: Path, allowed: set[str] | None = None) -> list[tuple[str, str, str]]:
    rows = _rows(path, LABEL_COLUMNS)
    if allowed:
        for number, (_worker, _task, label) in enumerate(rows, start=2):
            if label not in allowed:
                raise AggregationError(
                    f"{path}, line {number}: label {label!r} is not one of: {', '.join(sorted(allowed))}"
                )
    seen = set()
    for number, (worker, task, _label) in enumerate(rows, start=2):
        if (worker, task) in seen:
            raise AggregationError(f"{path}, line {number}: worker {worker} labelled task {task} twice")
        seen.add((worker, task))
    return rows


def gold_read(path: Path) -> dict[str, str]:
    gold: dict[str, str] = {}
    for number, (task, label) in enumerate(_rows(path, GOLD_COLUMNS), start=2):
        if gold.get(task, label) != label:
            raise AggregationError(f"{path}, line {number}: task {task} has two different gold labels")
        gold[task] = label
    return gold


def output_write(path: Path, labels: dict[str, tuple[str, float]]) -> None:
    """Write task,label,confidence to a temporary file beside the target, then rename it into place."""
    folder = path.resolve().parent
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".aggregate-", suffix=".csv")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            writer = csv.writer(stream)
            writer.writerow(["task", "label", "confidence"])
            for task in sorted(labels, key=_natural):
                label, confidence = labels[task]
                writer.writerow([task, label, f"{confidence:.4f}"])
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _natural(task: str) -> tuple:
    return (0, int(task), "") if task.isdigit() else (1, 0, task)
