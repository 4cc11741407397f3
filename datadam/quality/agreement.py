"""Agreement between workers on overlapped items.

`units` everywhere is {item: {worker: value}} for one control, values hashable (labels) or numbers.
Krippendorff's α (the `krippendorff` package; nominal or interval), Cohen's κ per pair of workers
(scikit-learn) and Fleiss' κ (statsmodels; items with the same number of raters only). Each returns None
where it is undefined (fewer than two items shared, no variation at all), never a misleading number.
"""

import math
import warnings
from itertools import combinations

Units = dict[object, dict[object, object]]


class NeedsOverlap(ValueError):
    """Agreement needs items labelled by at least two workers."""


def overlapped(units: Units) -> Units:
    return {item: answers for item, answers in units.items() if len(answers) >= 2}


def _finite(value: float) -> float | None:
    return None if value is None or math.isnan(value) else float(value)


def krippendorff_alpha(units: Units, level: str = "nominal") -> float | None:
    units = overlapped(units)
    if not units:
        raise NeedsOverlap("needs overlap ≥ 2: no item was labelled by two workers")
    workers = sorted({worker for answers in units.values() for worker in answers}, key=str)
    if level == "nominal":
        values = sorted({value for answers in units.values() for value in answers.values()}, key=str)
        code = {value: number for number, value in enumerate(values)}
        if len(values) < 2:
            return 1.0  # everyone gave the same single label: perfect, though α's formula is 0/0
    else:
        code = None
    import krippendorff  # loaded on use: the web process starts without the statistics libraries
    import numpy as np

    matrix = np.full((len(workers), len(units)), np.nan)
    for column, answers in enumerate(units.values()):
        for worker, value in answers.items():
            matrix[workers.index(worker), column] = code[value] if code else float(value)
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        try:
            return _finite(krippendorff.alpha(reliability_data=matrix, level_of_measurement=level))
        except ValueError:
            return None


def cohen_kappa_pairs(units: Units) -> dict[tuple, tuple[float | None, int]]:
    """(worker a, worker b) → (κ on the items both labelled, how many items), for every pair sharing ≥ 2 items."""
    import numpy as np  # loaded on use: the web process starts without scikit-learn
    from sklearn.metrics import cohen_kappa_score

    workers = sorted({worker for answers in units.values() for worker in answers}, key=str)
    pairs = {}
    for a, b in combinations(workers, 2):
        shared = [(answers[a], answers[b]) for answers in units.values() if a in answers and b in answers]
        if len(shared) < 2:
            continue
        first, second = [str(x) for x, _y in shared], [str(y) for _x, y in shared]
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            kappa = cohen_kappa_score(first, second)
        if first == second:
            kappa = 1.0  # identical answers with one label only: κ is 0/0, agreement is total
        pairs[(a, b)] = (_finite(kappa), len(shared))
    return pairs


def fleiss(units: Units) -> float | None:
    """Fleiss' κ over the items that have the most common number of raters (the statistic needs equal counts)."""
    units = overlapped(units)
    if not units:
        raise NeedsOverlap("needs overlap ≥ 2: no item was labelled by two workers")
    sizes = [len(answers) for answers in units.values()]
    common = max(set(sizes), key=lambda size: (sizes.count(size), size))
    rows = [[str(value) for value in answers.values()] for answers in units.values() if len(answers) == common]
    if len(rows) < 2:
        return None
    import numpy as np  # loaded on use: the web process starts without statsmodels
    from statsmodels.stats.inter_rater import aggregate_raters, fleiss_kappa

    table, _categories = aggregate_raters(np.array(rows, dtype=object))
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        return _finite(fleiss_kappa(table, method="fleiss"))


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
