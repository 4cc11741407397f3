"""Acceptance sampling by attributes, as in ISO 2859-1, with the tables of MIL-STD-105E (public domain; the
same code letters, sample sizes and acceptance/rejection numbers).

Table I gives the sample size code letter from the lot size and the inspection level. Tables II-A (normal),
II-B (tightened) and II-C (reduced) give the sample size and the acceptance (Ac) and rejection (Re) numbers
from the code letter and the AQL. In those tables every diagonal (one row down, one AQL column left) holds
the same entry, because the sample sizes and the AQLs both grow by about 1.6 per step; so each table is
written here as its sequence of entries along a row, and the cell for (letter, AQL) is found by the sum of
the two positions. An arrow sends the reader to the first plan below (↓) or above (↑) in the same column,
whose sample size is then used.

Switching rules (ISO 2859-1, 9.3): normal → tightened when 2 of 5 consecutive lots are rejected; tightened →
normal after 5 consecutive accepted lots; normal → reduced after 10 consecutive accepted lots (the switching
score, simplified to "10 accepted in a row"); reduced → normal as soon as a lot is rejected.
"""

from dataclasses import dataclass

LETTERS = "ABCDEFGHJKLMNPQRS"
NORMAL_SIZES = [2, 3, 5, 8, 13, 20, 32, 50, 80, 125, 200, 315, 500, 800, 1250, 2000]
TIGHTENED_SIZES = [*NORMAL_SIZES, 3150]  # letter S exists in the tightened table only
REDUCED_SIZES = [2, 2, 2, 3, 5, 8, 13, 20, 32, 50, 80, 125, 200, 315, 500, 800]

AQLS = [
    0.010, 0.015, 0.025, 0.040, 0.065, 0.10, 0.15, 0.25, 0.40, 0.65, 1.0, 1.5, 2.5, 4.0, 6.5,
    10, 15, 25, 40, 65, 100, 150, 250, 400, 650, 1000,
]  # fmt: skip

LEVELS = ["S-1", "S-2", "S-3", "S-4", "I", "II", "III"]

# Table I: (largest lot size of the row, code letters for S-1 … S-4, I, II, III)
TABLE_I = [
    (8, "AAAAAAB"),
    (15, "AAAAABC"),
    (25, "AABBBCD"),
    (50, "ABBCCDE"),
    (90, "BBCCCEF"),
    (150, "BBCDDFG"),
    (280, "BCDEEGH"),
    (500, "BCDEFHJ"),
    (1200, "CCEFGJK"),
    (3200, "CDEGHKL"),
    (10000, "CDFGJLM"),
    (35000, "CDFHKMN"),
    (150000, "DEGJLNP"),
    (500000, "DEGJMPQ"),
    (None, "DEHKNQR"),
]

UP, DOWN = "up", "down"
# Entries along a row, indexed by (letter position + AQL position - FIRST_PLAN); before it every cell is ↓,
# after the end every cell is ↑. Normal: K (9) at AQL 1.0 (10) is the 5th entry → Ac 3, Re 4.
FIRST_PLAN = 15
NORMAL_ROW = [(0, 1), UP, (1, 2), (2, 3), (3, 4), (5, 6), (7, 8), (10, 11), (14, 15), (21, 22), (30, 31), (44, 45)]
TIGHTENED_ROW = [DOWN, (0, 1), DOWN, (1, 2), (2, 3), (3, 4), (5, 6), (8, 9), (12, 13), (18, 19), (27, 28), (41, 42)]
# Reduced (II-C) in ISO 2859-1's form, where Re = Ac + 1 (MIL-STD-105E's gap between Ac and Re is dropped).
REDUCED_ROW = [(0, 1), UP, DOWN, (1, 2), (1, 2), (2, 3), (3, 4), (5, 6), (7, 8), (10, 11), (14, 15), (21, 22)]

NORMAL, TIGHTENED, REDUCED = "normal", "tightened", "reduced"
TABLES = {
    NORMAL: (NORMAL_SIZES, NORMAL_ROW),
    TIGHTENED: (TIGHTENED_SIZES, TIGHTENED_ROW),
    REDUCED: (REDUCED_SIZES, REDUCED_ROW),
}


@dataclass(frozen=True)
class Plan:
    letter: str
    sample_size: int
    accept: int  # Ac: accept the lot with at most this many nonconforming items in the sample
    reject: int  # Re: reject it with this many or more
    severity: str = NORMAL

    def verdict(self, defects: int, inspected: int) -> str | None:
        """Accept, reject, or None while the sample is not finished and Re is not reached."""
        if defects >= self.reject:
            return "reject"
        if inspected >= self.sample_size and defects <= self.accept:
            return "accept"
        return None


def code_letter(lot_size: int, level: str = "II") -> str:
    """Table I: the sample size code letter for a lot size and inspection level."""
    if lot_size < 2:
        raise ValueError("a lot has at least 2 items")
    if level not in LEVELS:
        raise ValueError(f"unknown inspection level {level!r}; known: {', '.join(LEVELS)}")
    column = LEVELS.index(level)
    for largest, letters in TABLE_I:
        if largest is None or lot_size <= largest:
            return letters[column]
    raise AssertionError("the last row has no upper bound")


def aql_index(aql: float) -> int:
    for position, value in enumerate(AQLS):
        if abs(value - aql) < 1e-9:
            return position
    raise ValueError(f"AQL {aql} is not one of the standard's values: {', '.join(str(a) for a in AQLS)}")


def _entry(row: list, letter_position: int, aql_position: int):
    step = letter_position + aql_position - FIRST_PLAN
    if step < 0:
        return DOWN
    if step >= len(row):
        return UP
    return row[step]


def plan_for(lot_size: int, aql: float, level: str = "II", severity: str = NORMAL) -> Plan:
    """The single sampling plan for a lot: follows the arrows, and never samples more than the lot."""
    sizes, row = TABLES[severity]
    position = LETTERS.index(code_letter(lot_size, level))
    column = aql_index(aql)
    entry = _entry(row, position, column)
    while entry in (UP, DOWN):
        position += 1 if entry == DOWN else -1
        if position < 0 or position >= len(sizes):
            raise ValueError("no plan in the table for this AQL")
        entry = _entry(row, position, column)
    accept, reject = entry
    return Plan(LETTERS[position], min(sizes[position], lot_size), accept, reject, severity)


def next_severity(severity: str, history: list[bool]) -> str:
    """The severity for the next lot, from the lot results so far under the current severity (True = accepted,
    oldest first). Callers reset the history when the severity changes."""
    if severity == NORMAL:
        if history[-5:].count(False) >= 2:
            return TIGHTENED
        if len(history) >= 10 and all(history[-10:]):
            return REDUCED
        return NORMAL
    if severity == TIGHTENED:
        return NORMAL if len(history) >= 5 and all(history[-5:]) else TIGHTENED
    return NORMAL if history and not history[-1] else REDUCED
