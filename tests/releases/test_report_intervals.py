"""Every figure of the release report comes with its uncertainty: a Wilson interval for each proportion, a
bootstrap interval over items for agreement (α, κ, mean pairwise score), the same on every run, and fast."""

import time

import numpy as np
import pytest

from datadam.quality import agreement
from datadam.releases import bootstrap, report


def _units(items: int, workers: int, labels: list, noise: float, seed: int) -> dict:
    rng = np.random.default_rng(seed)
    units = {}
    for item in range(items):
        truth = labels[rng.integers(len(labels))]
        units[item] = {
            worker: (labels[rng.integers(len(labels))] if rng.random() < noise else truth)
            for worker in range(workers)
            if rng.random() < 0.9 or worker < 2
        }
    return units


@pytest.mark.parametrize("level, labels", [("nominal", ["a", "b", "c"]), ("interval", [1, 2, 3, 4, 5])])
def test_the_resampled_alpha_at_unit_weights_is_krippendorffs_alpha(level, labels) -> None:
    units = _units(300, 4, labels, noise=0.3, seed=1)

    rows = bootstrap.alpha_rows(units, level)
    ours = bootstrap.alpha_from(rows.sum(axis=0, keepdims=True), level)[0]

    assert ours == pytest.approx(agreement.krippendorff_alpha(units, level), abs=1e-9)


def test_the_resampled_kappa_at_unit_weights_is_fleiss_kappa() -> None:
    units = _units(300, 3, ["a", "b", "c"], noise=0.4, seed=2)

    rows = bootstrap.kappa_rows(units)

    assert bootstrap.kappa_from(rows.sum(axis=0, keepdims=True))[0] == pytest.approx(agreement.fleiss(units))


def test_the_interval_holds_the_estimate_narrows_with_more_items_and_is_the_same_every_time() -> None:
    small, large = _units(100, 3, ["a", "b"], 0.3, 3), _units(2000, 3, ["a", "b"], 0.3, 3)

    def alpha_interval(units: dict) -> tuple[float, float]:
        return bootstrap.interval(bootstrap.alpha_rows(units, "nominal"), lambda s: bootstrap.alpha_from(s, "nominal"))

    low, high = alpha_interval(small)
    wide_low, wide_high = alpha_interval(large)
    assert low < agreement.krippendorff_alpha(small) < high
    assert wide_high - wide_low < high - low
    assert alpha_interval(small) == (low, high)


def test_a_thousand_resamples_of_twenty_thousand_items_take_about_a_second() -> None:
    units = _units(20_000, 3, ["a", "b", "c", "d"], 0.2, 4)
    rows = bootstrap.alpha_rows(units, "nominal")

    started = time.perf_counter()
    found = bootstrap.interval(rows, lambda s: bootstrap.alpha_from(s, "nominal"))

    assert found is not None and time.perf_counter() - started < 5


def test_fewer_than_two_items_give_no_interval_rather_than_a_false_one() -> None:
    assert bootstrap.ratio([1.0], [1]) is None
    assert bootstrap.interval(bootstrap.alpha_rows({1: {1: "a", 2: "b"}}, "nominal"), lambda s: s[:, 0]) is None


def test_each_proportion_carries_its_wilson_interval_and_none_without_anything_to_count() -> None:
    assert report.proportion(9, 10, ok=9) == {"ok": 9, "percent": 90.0, "ci_low": 59.58, "ci_high": 98.21}
    assert report.proportion(0, 0) == {"percent": None, "ci_low": None, "ci_high": None}
