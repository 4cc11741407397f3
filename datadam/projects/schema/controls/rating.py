"""`rating`: a whole number from 1 to `max`. Scored by closeness: 1 − |gold − answer| / (max − 1)."""

from typing import Literal

from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from pydantic import Field

from datadam.projects.schema.controls.base import Context, ControlConfig, Traits, fail

TITLE = gettext_lazy("Rate")  # the control in the schema builder


class Config(ControlConfig):
    type: Literal["rating"]
    max: int = Field(default=5, ge=2, le=10)


def validate_value(config: Config, value: object, context: Context | None = None) -> object:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= config.max:
        raise fail(config, _("choose a whole number from 1 to %(max)d"), max=config.max)
    return value


def score(config: Config, gold: object, answer: object) -> float:
    if not isinstance(gold, int) or not isinstance(answer, int):
        return 1.0 if gold == answer else 0.0
    return max(0.0, 1.0 - abs(gold - answer) / (config.max - 1))


def from_form(config: Config, post: QueryDict, field_name: str) -> object:
    """A whole number; anything else typed is kept as posted, so validation names the problem."""
    raw = post.get(field_name, "").strip()
    return int(raw) if raw.isdigit() and len(raw) < 4 else raw or None


def describe(config: Config, value: object) -> str:
    return f"{value} / {config.max}"


def traits(config: Config) -> Traits:
    options = tuple((number, str(number)) for number in range(1, config.max + 1))
    return Traits(options=options, column="integer", agreement="interval")
