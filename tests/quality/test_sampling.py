"""The sampling tables against rows of MIL-STD-105E / ISO 2859-1, and the switching rules."""

import pytest

from datadam.quality.sampling import NORMAL, REDUCED, TIGHTENED, code_letter, next_severity, plan_for


@pytest.mark.parametrize(
    ("lot", "level", "letter"),
    [
        (1201, "II", "K"),
        (3200, "II", "K"),
        (2000, "I", "H"),
        (2000, "III", "L"),
        (8, "II", "A"),
        (9, "II", "B"),
        (90, "II", "E"),
        (500, "S-4", "E"),
        (1000, "S-1", "C"),
        (600_000, "III", "R"),
        (40_000, "II", "N"),
    ],
)
def test_table_one_gives_the_standards_code_letter(lot: int, level: str, letter: str) -> None:
    assert code_letter(lot, level) == letter


@pytest.mark.parametrize(
    ("lot", "aql", "plan"),
    [
        (2000, 1.0, ("K", 125, 3, 4)),  # the row the issue names: 1,201–3,200, level II, AQL 1.0
        (2000, 2.5, ("K", 125, 7, 8)),
        (2000, 0.65, ("K", 125, 2, 3)),
        (1000, 2.5, ("J", 80, 5, 6)),
        (1000, 1.5, ("J", 80, 3, 4)),
        (1000, 4.0, ("J", 80, 7, 8)),
        (5000, 2.5, ("L", 200, 10, 11)),
        (20_000, 2.5, ("M", 315, 14, 15)),
        (100, 4.0, ("F", 20, 2, 3)),
        (400, 4.0, ("H", 50, 5, 6)),
        (120, 2.5, ("F", 20, 1, 2)),
        (2000, 0.15, ("K", 125, 0, 1)),
    ],
)
def test_normal_single_sampling_plans_match_table_two_a(lot: int, aql: float, plan: tuple) -> None:
    found = plan_for(lot, aql)
    assert (found.letter, found.sample_size, found.accept, found.reject) == plan


def test_arrows_lead_to_the_first_plan_in_the_column() -> None:
    # K at AQL 0.10 is an arrow down: the first plan below is L, n = 200, Ac 0 Re 1.
    down = plan_for(2000, 0.10)
    assert (down.letter, down.sample_size, down.accept, down.reject) == ("L", 200, 0, 1)
    # E at AQL 2.5 is an arrow up: D, n = 8, Ac 0 Re 1.
    up = plan_for(60, 2.5)
    assert (up.letter, up.sample_size, up.accept, up.reject) == ("D", 8, 0, 1)


def test_tightened_plan_is_stricter_and_reduced_samples_fewer() -> None:
    tightened, reduced = plan_for(2000, 1.0, severity=TIGHTENED), plan_for(2000, 1.0, severity=REDUCED)
    assert (tightened.sample_size, tightened.accept, tightened.reject) == (125, 2, 3)
    assert reduced.sample_size == 50 and reduced.accept < 3


def test_a_small_lot_is_inspected_whole() -> None:
    assert plan_for(5, 0.65).sample_size == 5


def test_unknown_aql_and_level_are_refused_plainly() -> None:
    with pytest.raises(ValueError, match="not one of the standard"):
        plan_for(100, 3.0)
    with pytest.raises(ValueError, match="unknown inspection level"):
        code_letter(100, "IV")


def test_lot_verdict_uses_acceptance_and_rejection_numbers() -> None:
    plan = plan_for(2000, 1.0)
    assert plan.verdict(defects=4, inspected=10) == "reject"
    assert plan.verdict(defects=3, inspected=124) is None
    assert plan.verdict(defects=3, inspected=125) == "accept"


def test_switching_rules() -> None:
    assert next_severity(NORMAL, [True, False, True, False]) == TIGHTENED
    assert next_severity(NORMAL, [False, True, True, True, True, False]) == NORMAL  # 2 rejects but 6 lots apart
    assert next_severity(NORMAL, [True] * 10) == REDUCED
    assert next_severity(NORMAL, [True] * 9) == NORMAL
    assert next_severity(TIGHTENED, [True] * 5) == NORMAL
    assert next_severity(TIGHTENED, [True] * 4) == TIGHTENED
    assert next_severity(REDUCED, [True, True, False]) == NORMAL
    assert next_severity(REDUCED, [True, True]) == REDUCED
