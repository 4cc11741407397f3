"""`text`: free text such as a transcript, caption or summary. Scored by 1 − character error rate."""

from typing import Literal

import jiwer
from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from pydantic import Field, model_validator

from datadam.core.errors import SchemaViolation
from datadam.projects.schema.controls.base import Context, ControlConfig, Traits, plain_from_form

TITLE = gettext_lazy("Write text")  # the control in the schema builder


class Config(ControlConfig):
    type: Literal["text"]
    min_length: int = Field(default=0, ge=0, le=100_000)
    max_length: int = Field(default=5_000, ge=1, le=100_000)
    multiline: bool = True

    @model_validator(mode="after")
    def bounds_are_ordered(self) -> "Config":
        if self.min_length > self.max_length:
            raise ValueError(_("min_length is larger than max_length"))
        return self


def validate_value(config: Config, value: object, context: Context | None = None) -> object:
    if not isinstance(value, str):
        raise SchemaViolation(_("%(control)s: expected text") % {"control": config.name})
    if "\x00" in value:
        raise SchemaViolation(_("%(control)s: the text holds a NUL character") % {"control": config.name})
    length = len(value.strip())
    if length < config.min_length:
        raise SchemaViolation(
            _("%(control)s: write at least %(count)d characters") % {"control": config.name, "count": config.min_length}
        )
    if len(value) > config.max_length:
        raise SchemaViolation(
            _("%(control)s: at most %(count)d characters") % {"control": config.name, "count": config.max_length}
        )
    return value


def score(config: Config, gold: object, answer: object) -> float:
    """1 − character error rate (jiwer), floored at 0; an empty gold matches only an empty answer."""
    reference, hypothesis = str(gold or ""), str(answer or "")
    if not reference:
        return 1.0 if not hypothesis else 0.0
    return max(0.0, 1.0 - jiwer.cer(reference, hypothesis))


def from_form(config: Config, post: QueryDict, field_name: str) -> object:
    return plain_from_form(post, field_name)


def describe(config: Config, value: object) -> str:
    return str(value)


def traits(config: Config) -> Traits:
    return Traits(column="text", pay_units=("character",), consensus="rover", label_counts=False)
