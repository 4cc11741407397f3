"""Agreement between workers on overlapped items.

`units` everywhere is {item: {worker: value}} for one control, values hashable (labels) or numbers.
Krippendorff's α (nominal or interval), Cohen's κ per pair of workers and Fleiss' κ (items with the same
number of raters only), in plain Python: the same formulas as the krippendorff package, scikit-learn and
statsmodels (tests/quality/test_agreement.py compares them), without loading those libraries into a web
page. Each returns None where it is undefined (fewer than two items shared, no variation at all), never a
misleading number.
"""

import math
from collections import Counter
from itertools import combinations, product

Units = dict[object, dict[object, object]]


class NeedsOverlap(ValueError):
    """Agreement needs items labelled by at least two workers."""


def overlapped(units: Units) -> Units:
    return {item: answers for item, answers in units.items() if len(answers) >= 2}


def _finite(value: float) -> float | None:
    return None if value is None or math.isnan(value) else float(value)


def krippendorff_alpha(units: Units, level: str = "nominal") -> float | None:
    """α = 1 - observed / expected disagreement, from the coincidences of values within items."""
    units = overlapped(units)
    if not units:
        raise NeedsOverlap("needs overlap ≥ 2: no item was labelled by two workers")
    if level == "nominal" and len({value for answers in units.values() for value in answers.values()}) < 2:
        return 1.0  # everyone gave the same single label: perfect, though α's formula is 0/0
    coincidences: Counter = Counter()
    for answers in units.values():
        counts = Counter(answers.values() if level == "nominal" else (float(v) for v in answers.values()))
        pairable = sum(counts.values()) - 1
        for c, k in product(counts, repeat=2):
            coincidences[c, k] += counts[c] * (counts[k] - (c == k)) / pairable
    totals: Counter = Counter()
    for (c, _k), weight in coincidences.items():
        totals[c] += weight
    n = sum(totals.values())
    distance = (lambda c, k: float(c != k)) if level == "nominal" else (lambda c, k: (c - k) ** 2)
    observed = sum(weight * distance(c, k) for (c, k), weight in coincidences.items())
    expected = sum(totals[c] * totals[k] * distance(c, k) for c, k in product(totals, repeat=2))
    return None if expected == 0 else 1 - (n - 1) * observed / expected


def _cohen_kappa(first: list[str], second: list[str]) -> float | None:
    """κ = 1 - observed / chance disagreement of two raters over the same items; None where chance is 0."""
    n = len(first)
    observed = sum(a != b for a, b in zip(first, second, strict=True))
    rows, columns = Counter(first), Counter(second)
    chance = n - sum(rows[label] * columns[label] for label in rows) / n
    return None if chance == 0 else 1 - observed / chance


def cohen_kappa_pairs(units: Units) -> dict[tuple, tuple[float | None, int]]:
    """(worker a, worker b) → (κ on the items both labelled, how many items), for every pair sharing ≥ 2 items."""
    workers = sorted({worker for answers in units.values() for worker in answers}, key=str)
    pairs = {}
    for a, b in combinations(workers, 2):
        shared = [(answers[a], answers[b]) for answers in units.values() if a in answers and b in answers]
        if len(shared) < 2:
            continue
        first, second = [str(x) for x, _y in shared], [str(y) for _x, y in shared]
        kappa = 1.0 if first == second else _cohen_kappa(first, second)  # identical answers: total agreement
        pairs[(a, b)] = (_finite(kappa), len(shared))
    return pairs


def fleiss(units: Units) -> float | None:
    """Fleiss' κ over the items that have the most common number of raters (the statistic needs equal counts)."""
    units = overlapped(units)
    if not units:
        raise NeedsOverlap("needs overlap ≥ 2: no item was labelled by two workers")
    sizes = [len(answers) for answers in units.values()]
    common = max(set(sizes), key=lambda size: (sizes.count(size), size))
    rows = [Counter(str(value) for value in answers.values()) for answers in units.values() if len(answers) == common]
    if len(rows) < 2:
        return None
    per_item = [(sum(count * count for count in row.values()) - common) / (common * (common - 1)) for row in rows]
    shares = Counter()
    for row in rows:
        shares.update(row)
    chance = sum((count / (len(rows) * common)) ** 2 for count in shares.values())
    return None if chance == 1 else (sum(per_item) / len(per_item) - chance) / (1 - chance)


def worker_against_others(units: Units, score) -> dict[object, tuple[float, int]]:
    """worker → (mean score of their answer against each other worker's on shared items, comparisons).

    `score(other, mine)` is the control kind's score function, so this works for spans or boxes as well."""
    totals: dict[object, list[float]] = {}
    for answers in overlapped(units).values():
        for worker, mine in answers.items():
            for other_worker, other in answers.items():
                if other_worker != worker:
                    totals.setdefault(worker, []).append(score(other, mine))
    return {worker: (sum(values) / len(values), len(values)) for worker, values in totals.items()}


def item_agreement(answers: dict, score) -> float | None:
    """Mean pairwise score of one item's answers (None with fewer than two)."""
    pairs = list(combinations(answers.values(), 2))
    if not pairs:
        return None
    return sum(score(a, b) for a, b in pairs) / len(pairs)


def label_agreement(units: Units) -> dict[object, tuple[float | None, int]]:
    """Specific agreement per label: of all the pairs of answers on the same item that involve the label, the
    share where both answers are that label. label → (share, items where it was given)."""
    together: dict[object, int] = {}
    involved: dict[object, int] = {}
    items: dict[object, int] = {}
    for answers in overlapped(units).values():
        counts: dict[object, int] = {}
        for value in answers.values():
            counts[value] = counts.get(value, 0) + 1
        raters = len(answers)
        for label, count in counts.items():
            together[label] = together.get(label, 0) + count * (count - 1)
            involved[label] = involved.get(label, 0) + count * (raters - 1)
            items[label] = items.get(label, 0) + 1
    return {label: (together[label] / involved[label] if involved[label] else None, items[label]) for label in items}
