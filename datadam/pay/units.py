"""How many units of work an annotation holds, for per-unit pay. Which units a control can be paid by."""

from datadam.pay.models import UnitRate
from datadam.projects.schema.controls import traits_of
from datadam.projects.schema.controls.base import ControlConfig


def payable_units(control: ControlConfig) -> set[UnitRate.Unit]:
    """The units its kind says it may be paid by (`traits().pay_units`), as pay's units."""
    return {UnitRate.Unit(name) for name in traits_of(control).pay_units if name in UnitRate.Unit.values}


def units_in(value: object, unit: str) -> float:
    """The count of `unit` in one control's value; anything of another shape counts as nothing."""
    if unit == UnitRate.Unit.OBJECT:
        return float(len(value)) if isinstance(value, list) else 0.0
    if unit == UnitRate.Unit.AUDIO_SECOND:
        return sum(max(0.0, float(s["end"]) - float(s["start"])) for s in _dicts(value) if _has_times(s))
    if isinstance(value, str):
        return float(len(value))
    return float(sum(len(s["text"]) for s in _dicts(value) if isinstance(s.get("text"), str)))


def _dicts(value: object) -> list[dict]:
    return [entry for entry in value if isinstance(entry, dict)] if isinstance(value, list) else []


def _has_times(segment: dict) -> bool:
    return all(isinstance(segment.get(key), int | float) for key in ("start", "end"))


def piece_amount(*, rate_per_item: int, unit_rates: list[UnitRate], result: dict) -> int:
    """The rate per item plus, for each unit rate, the rate times the units in its control's value (in won)."""
    extra = sum(rate.rate * units_in(result.get(rate.control), rate.unit) for rate in unit_rates)
    return round(rate_per_item + extra)
