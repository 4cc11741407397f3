"""Agreement measures against values worked out by hand on small constructed cases."""

import pytest

from datadam.quality.agreement import (
    NeedsOverlap,
    cohen_kappa_pairs,
    fleiss,
    item_agreement,
    krippendorff_alpha,
    worker_against_others,
)

# Two workers, four items: they agree on 3 of 4.
#   item: 1   2   3   4
#   A:    a   a   b   b
#   B:    a   a   b   a
TWO = {1: {"A": "a", "B": "a"}, 2: {"A": "a", "B": "a"}, 3: {"A": "b", "B": "b"}, 4: {"A": "b", "B": "a"}}


def test_cohen_kappa_by_hand() -> None:
    # po = 3/4; pe = P(A=a)P(B=a) + P(A=b)P(B=b) = (2/4)(3/4) + (2/4)(1/4) = 1/2; κ = (0.75 - 0.5) / 0.5 = 0.5
    assert cohen_kappa_pairs(TWO) == {("A", "B"): (pytest.approx(0.5), 4)}


def test_krippendorff_alpha_nominal_by_hand() -> None:
    # 8 pairable values: a ×5, b ×3. Observed disagreement: item 4 gives 2 ordered a-b pairs over m-1 = 1 →
    # Do = 2/8. Expected: 2·5·3 / (8·7) = 30/56. α = 1 - (2/8) / (30/56) = 1 - 0.4667 = 0.5333.
    assert krippendorff_alpha(TWO, "nominal") == pytest.approx(1 - (2 / 8) / (30 / 56))


def test_krippendorff_alpha_interval_by_hand() -> None:
    # Ratings 1,1 / 2,2 / 3,4. Do = (2·1²)/6 = 1/3 over n = 6 values; De = Σ(c-k)² over all pairs / (n(n-1)):
    # values 1,1,2,2,3,4 → Σ over ordered pairs of squared differences = 2·(0+1+1+4+9 + 1+1+4+9 + 0+1+4 + 1+4 + 1)
    # = 2·41 = 82; De = 82 / 30. α = 1 - (1/3) / (82/30) = 1 - 10/82.
    units = {1: {"A": 1, "B": 1}, 2: {"A": 2, "B": 2}, 3: {"A": 3, "B": 4}}
    assert krippendorff_alpha(units, "interval") == pytest.approx(1 - 10 / 82)


def test_fleiss_kappa_by_hand() -> None:
    # Three raters, three items: (a,a,a), (a,a,b), (b,b,b).
    # P_i = (Σ n_ij² - 3) / 6: 1, 1/3, 1 → P̄ = 7/9. p_a = 5/9, p_b = 4/9 → Pe = 41/81.
    # κ = (7/9 - 41/81) / (1 - 41/81) = (22/81) / (40/81) = 0.55
    units = {1: dict(x="a", y="a", z="a"), 2: dict(x="a", y="a", z="b"), 3: dict(x="b", y="b", z="b")}
    assert fleiss(units) == pytest.approx(0.55)


def test_agreement_without_overlap_says_it_needs_two_workers() -> None:
    with pytest.raises(NeedsOverlap, match="needs overlap ≥ 2"):
        krippendorff_alpha({1: {"A": "a"}, 2: {"B": "b"}})
    with pytest.raises(NeedsOverlap, match="needs overlap ≥ 2"):
        fleiss({1: {"A": "a"}})


def test_each_worker_against_the_others_uses_the_score_function() -> None:
    exact = lambda gold, answer: 1.0 if gold == answer else 0.0  # noqa: E731
    three = {1: {"A": "a", "B": "a", "C": "b"}, 2: {"A": "b", "B": "b", "C": "b"}}
    # A: item 1 → B 1, C 0; item 2 → 1, 1 → 3/4. C: item 1 → 0, 0; item 2 → 1, 1 → 2/4.
    result = worker_against_others(three, exact)
    assert result["A"] == (0.75, 4) and result["C"] == (0.5, 4)
    assert item_agreement(three[1], exact) == pytest.approx(1 / 3)


def test_specific_agreement_per_label_by_hand() -> None:
    from datadam.quality.agreement import label_agreement

    # Items (a,a,a), (a,a,b), (b,b,b). Label a: pairs both a = 3·2 + 2·1 = 8 ordered; pairs involving a =
    # 3·2 + 2·2 = 10 → 0.8. Label b: 0 + 3·2 = 6 both b; involving b = 1·2 + 3·2 = 8 → 0.75.
    units = {1: dict(x="a", y="a", z="a"), 2: dict(x="a", y="a", z="b"), 3: dict(x="b", y="b", z="b")}
    assert label_agreement(units) == {"a": (0.8, 2), "b": (0.75, 2)}
