"""`segments`: labelled stretches of the item's audio in seconds, each with an optional transcript.

Scored by temporal IoU of greedily matched segments; where the gold segment has a transcript, the pair
scores the mean of IoU and 1 − character error rate.
"""

from typing import Literal

from django.http import QueryDict
from django.utils.translation import gettext as _
from pydantic import Field

from datadam.projects.schema import media
from datadam.projects.schema.controls import text as text_control
from datadam.projects.schema.controls.base import (
    Context,
    LabelledConfig,
    Traits,
    describe_regions,
    fail,
    number,
    regions,
    regions_from_form,
)
from datadam.projects.schema.controls.matching import greedy_mean

EDGE = 0.05  # seconds of slack at the end, for decoders that disagree on the last frame


class Config(LabelledConfig):
    type: Literal["segments"]
    source: str = Field(default="audio", max_length=64)
    transcript: bool = Field(default=False, description="Ask for a transcript of each segment")
    transcript_required: bool = False
    max_text_length: int = Field(default=5_000, ge=1, le=100_000)
    overlap: bool = True


def validate_value(config: Config, value: object, context: Context | None = None) -> object:
    segments = regions(config, value, ("start", "end", "text"))
    duration = media.audio_duration(context.data, config.source, context.media) if context else None
    for segment in segments:
        start, end = number(config, segment, "start"), number(config, segment, "end")
        if not start < end:
            raise fail(config, _("segment %(id)s must start before it ends"), id=segment["id"])
        if start < 0 or (duration and end > duration + EDGE):
            raise fail(
                config,
                _("segment %(id)s is outside the audio (0-%(duration)s s)"),
                id=segment["id"],
                duration=f"{duration:g}" if duration else "?",
            )
        _check_text(config, segment)
    if not config.overlap:
        ordered = sorted(segments, key=lambda segment: segment["start"])
        for before, after in zip(ordered, ordered[1:], strict=False):
            if after["start"] < before["end"]:
                raise fail(config, _("segments %(a)s and %(b)s overlap"), a=before["id"], b=after["id"])
    return value


def _check_text(config: Config, segment: dict) -> None:
    words = segment.get("text")
    if words is None or words == "":
        if config.transcript_required:
            raise fail(config, _("segment %(id)s needs a transcript"), id=segment["id"])
        return
    if not isinstance(words, str):
        raise fail(config, _("segment %(id)s: the transcript must be text"), id=segment["id"])
    if len(words) > config.max_text_length:
        raise fail(
            config, _("segment %(id)s: at most %(count)d characters"), id=segment["id"], count=config.max_text_length
        )


def iou(a: dict, b: dict) -> float:
    overlap = min(a["end"], b["end"]) - max(a["start"], b["start"])
    if overlap <= 0:
        return 0.0
    return overlap / (max(a["end"], b["end"]) - min(a["start"], b["start"]))


def score(config: Config, gold: object, answer: object) -> float:
    def similarity(g: dict, a: dict) -> float:
        overlap = iou(g, a)
        if not g.get("text") or overlap <= 0:
            return overlap
        return (overlap + text_control.score(None, g.get("text"), a.get("text"))) / 2

    return greedy_mean(gold, answer, similarity)


def from_form(config: Config, post: QueryDict, field_name: str) -> object:
    return regions_from_form(post, field_name)


def _seconds(value: object) -> str:
    """A time as people read it, to a tenth of a second (1.8995 → 1.9); anything else as it came."""
    return f"{value:.1f}" if isinstance(value, int | float) and not isinstance(value, bool) else str(value)


def describe(config: Config, value: object) -> str:
    def where(segment: dict) -> str:
        words = f" “{segment['text']}”" if segment.get("text") else ""
        return f"{_seconds(segment.get('start'))}–{_seconds(segment.get('end'))} s{words}"

    return describe_regions(config, value, where)


def traits(config: Config) -> Traits:
    return Traits(widget="audio", pay_units=("object", "audio_second", "character"))
