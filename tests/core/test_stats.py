"""The Wilson interval that quality, releases and reports quote beside every accuracy."""

import pytest

from datadam.core.stats import wilson_interval


def test_eight_right_out_of_ten_gives_the_textbook_interval() -> None:
    low, high = wilson_interval(8, 10)

    assert low == pytest.approx(0.4902, abs=1e-4)
    assert high == pytest.approx(0.9433, abs=1e-4)


def test_all_right_keeps_the_upper_bound_at_one_and_the_lower_below_it() -> None:
    low, high = wilson_interval(20, 20)

    assert high == 1.0
    assert low == pytest.approx(0.8389, abs=1e-4)


def test_no_trials_says_nothing_is_known() -> None:
    assert wilson_interval(0, 0) == (0.0, 1.0)
