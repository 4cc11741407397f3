"""`tally`: how many of something the item shows, a whole number typed in a plain field.

A control kind that exists only in the test suite: everything Datadam needs to know about it is here, as
the checklist in `datadam/projects/schema/controls/__init__.py` asks.
"""

from typing import Literal

from django.http import QueryDict
from pydantic import Field

from datadam.projects.schema.controls.base import Context, ControlConfig, Traits, fail


class Config(ControlConfig):
    type: Literal["tally"]
    most: int = Field(default=100, ge=1, le=10_000)


def validate_value(config: Config, value: object, context: Context | None = None) -> object:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= config.most:
        raise fail(config, "count from 0 to %(most)d", most=config.most)
    return value


def score(config: Config, gold: object, answer: object) -> float:
    if not isinstance(gold, int) or not isinstance(answer, int):
        return 1.0 if gold == answer else 0.0
    return 1.0 - abs(gold - answer) / max(gold, answer, 1)


def from_form(config: Config, post: QueryDict, field_name: str) -> object:
    raw = post.get(field_name, "").strip()
    return int(raw) if raw.isdigit() and len(raw) < 6 else raw or None


def describe(config: Config, value: object) -> str:
    return f"{value} counted"


def traits(config: Config) -> Traits:
    return Traits(column="integer", agreement="interval")
