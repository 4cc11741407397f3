"""Bootstrap intervals over items for the release report's agreement figures (α, κ, mean pairwise score).

Each statistic here is a function of sums over items of a small vector per item, so one resample is a
weighted sum: the items drawn with replacement become counts, and a block of resamples is one matrix product.
1,000 resamples of 100,000 labeled items take well under a second. The seed is fixed, so a report is the same
every time.
"""

from collections.abc import Callable

import numpy as np

RESAMPLES = 1000
SEED = 20260101
BLOCK = 50


def interval(per_item: np.ndarray, statistic: Callable[[np.ndarray], np.ndarray]) -> tuple[float, float] | None:
    """The 95 % percentile interval of `statistic` (sums over items, one row per resample → one value per row)
    over RESAMPLES resamples of the rows of `per_item`; None with fewer than two items or no finite value."""
    count = len(per_item)
    if count < 2:
        return None
    # Items with the same row are interchangeable: drawing items with replacement is drawing row patterns with
    # the patterns' shares, so a resample is one multinomial over the (usually few) distinct rows.
    patterns, counts = np.unique(per_item, axis=0, return_counts=True)
    shares = counts / count
    rng = np.random.default_rng(SEED)
    values = []
    for start in range(0, RESAMPLES, BLOCK):
        weights = rng.multinomial(count, shares, size=min(BLOCK, RESAMPLES - start)).astype(np.float64)
        with np.errstate(all="ignore"):
            values.append(statistic(weights @ patterns))
    found = np.concatenate(values)
    found = found[np.isfinite(found)]
    if not len(found):
        return None
    low, high = np.percentile(found, [2.5, 97.5])
    return round(float(low), 4), round(float(high), 4)


def ratio(numerators: list[float], denominators: list[float]) -> tuple[float, float] | None:
    """Interval of Σ numerator / Σ denominator (a mean pairwise score weighted by pairs). Each item's score sum
    is rounded to 1/1000, which moves no reported figure and lets items share rows (see `interval`)."""
    per_item = np.column_stack([np.round(numerators, 3), denominators]) if numerators else np.empty((0, 2))
    return interval(per_item, lambda sums: sums[:, 0] / sums[:, 1])


def alpha_rows(units: dict, level: str) -> np.ndarray:
    """Per item: what Krippendorff's α sums. Nominal: [m, disagreeing pairs / (m − 1), count of each value];
    interval: [m, Σ squared differences / (m − 1), Σ v, Σ v²]. Items with fewer than two answers are left out."""
    answers = [list(by_worker.values()) for by_worker in units.values() if len(by_worker) >= 2]
    if level == "interval":
        rows = []
        for values in answers:
            v = np.asarray(values, dtype=np.float64)
            m = len(v)
            rows.append([m, (2 * m * (v * v).sum() - 2 * v.sum() ** 2) / (m - 1), v.sum(), (v * v).sum()])
        return np.asarray(rows, dtype=np.float64).reshape(-1, 4)
    labels = sorted({value for values in answers for value in values}, key=str)
    code = {label: index for index, label in enumerate(labels)}
    rows = np.zeros((len(answers), len(labels) + 2))
    for row, values in enumerate(answers):
        counts = np.bincount([code[value] for value in values], minlength=len(labels))
        m = len(values)
        rows[row, 0], rows[row, 1], rows[row, 2:] = m, (m * m - (counts * counts).sum()) / (m - 1), counts
    return rows


def alpha_from(sums: np.ndarray, level: str) -> np.ndarray:
    """α from summed alpha_rows (one row per resample)."""
    n, observed = sums[:, 0], sums[:, 1]
    if level == "interval":
        expected = 2 * n * sums[:, 3] - 2 * sums[:, 2] ** 2
    else:
        expected = n * n - (sums[:, 2:] ** 2).sum(axis=1)
    return 1 - (n - 1) * observed / expected


def kappa_rows(units: dict) -> np.ndarray:
    """Per item with the most common number of raters (what Fleiss' κ needs): [1, P_i, count of each value]."""
    answers = [list(by_worker.values()) for by_worker in units.values() if len(by_worker) >= 2]
    if not answers:
        return np.empty((0, 2))
    sizes = [len(values) for values in answers]
    common = max(set(sizes), key=lambda size: (sizes.count(size), size))
    answers = [values for values in answers if len(values) == common]
    labels = sorted({str(value) for values in answers for value in values})
    code = {label: index for index, label in enumerate(labels)}
    rows = np.zeros((len(answers), len(labels) + 2))
    for row, values in enumerate(answers):
        counts = np.bincount([code[str(value)] for value in values], minlength=len(labels))
        rows[row, 0], rows[row, 1] = 1, ((counts * counts).sum() - common) / (common * (common - 1))
        rows[row, 2:] = counts
    return rows


def kappa_from(sums: np.ndarray) -> np.ndarray:
    items, agreement, counts = sums[:, 0], sums[:, 1], sums[:, 2:]
    shares = counts / counts.sum(axis=1, keepdims=True)
    chance = (shares * shares).sum(axis=1)
    return (agreement / items - chance) / (1 - chance)
