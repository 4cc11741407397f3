"""`text`: free text such as a transcript, caption or summary. Scored by 1 − character error rate."""

from typing import Literal

import jiwer

from pydantic import Field, model_validator

from datadam.core.errors import SchemaViolation
from datadam.projects.schema.controls.base import ControlConfig


class Config(ControlConfig):
    type: Literal["text"]
    min_length: int = Field(default=0, ge=0, le=100_000)
    max_length: int = Field(default=5_000, ge=1, le=100_000)
    multiline: bool = True

    @model_validator(mode="after")
    def bounds_are_ordered(self) -> "Config":
        if self.min_length > self.max_length:
            raise ValueError("min_length is larger than max_length")
        return self


def validate_value(config: Config, value: object) -> object:
    if not isinstance(value, str):
        raise SchemaViolation(f"{config.name}: expected text")
    if "\x00" in value:
        raise SchemaViolation(f"{config.name}: the text holds a NUL character")
    length = len(value.strip())
    if length < config.min_length:
        raise SchemaViolation(f"{config.name}: write at least {config.min_length} characters")
    if len(value) > config.max_length:
        raise SchemaViolation(f"{config.name}: at most {config.max_length} characters")
    return value


def score(config: Config, gold: object, answer: object) -> float:
    """1 − character error rate (jiwer), floored at 0; an empty gold matches only an empty answer."""
    reference, hypothesis = str(gold or ""), str(answer or "")
    if not reference:
        return 1.0 if not hypothesis else 0.0
    return max(0.0, 1.0 - jiwer.cer(reference, hypothesis))
