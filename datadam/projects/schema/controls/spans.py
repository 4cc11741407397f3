"""`spans`: labelled stretches of the item's text (NER tags). Scored by span F1.

Offsets are Unicode code points (Python string indices) of `data[source]`; `text`, when given, must equal
the slice, so a widget counting UTF-16 units is caught at once.
"""

from typing import Literal

from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from pydantic import Field

from datadam.projects.schema.controls.base import (
    Context,
    LabelledConfig,
    Traits,
    describe_regions,
    fail,
    regions,
    regions_from_form,
)

TITLE = gettext_lazy("Mark text spans")  # the control in the schema builder


class Config(LabelledConfig):
    type: Literal["spans"]
    source: str = Field(default="text", max_length=64)
    overlap: bool = Field(default=True, description="May two spans share characters")


def validate_value(config: Config, value: object, context: Context | None = None) -> object:
    spans = regions(config, value, ("start", "end", "text"))
    text = context.data.get(config.source) if context else None
    if not isinstance(text, str):
        if context is None or context.item_known:
            raise fail(config, _("the item has no text in %(field)s to mark"), field=config.source)
        text = None
    for span in spans:
        start, end = span.get("start"), span.get("end")
        if not all(isinstance(point, int) and not isinstance(point, bool) for point in (start, end)):
            raise fail(config, _("span %(id)s: start and end must be whole numbers"), id=span["id"])
        if not 0 <= start < end or (text is not None and end > len(text)):
            raise fail(
                config,
                _("span %(id)s: %(start)d-%(end)d is outside the text (0-%(length)d)"),
                id=span["id"],
                start=start,
                end=end,
                length=len(text or ""),
            )
        if text is not None and "text" in span and span["text"] != text[start:end]:
            raise fail(
                config,
                _("span %(id)s: its text does not match the item's text at %(start)d-%(end)d"),
                id=span["id"],
                start=start,
                end=end,
            )
    if not config.overlap:
        ordered = sorted(spans, key=lambda span: span["start"])
        for before, after in zip(ordered, ordered[1:], strict=False):
            if after["start"] < before["end"]:
                raise fail(config, _("spans %(a)s and %(b)s overlap"), a=before["id"], b=after["id"])
    return value


def keys(value: object) -> set[tuple]:
    return {(span.get("start"), span.get("end"), span.get("label")) for span in value or [] if isinstance(span, dict)}


def score(config: Config, gold: object, answer: object) -> float:
    """F1 of exact (start, end, label) matches; two empty answers agree fully."""
    gold_keys, answer_keys = keys(gold), keys(answer)
    if not gold_keys and not answer_keys:
        return 1.0
    return 2 * len(gold_keys & answer_keys) / (len(gold_keys) + len(answer_keys))


def from_form(config: Config, post: QueryDict, field_name: str) -> object:
    return regions_from_form(post, field_name)


def describe(config: Config, value: object) -> str:
    return describe_regions(
        config, value, lambda span: f"“{span.get('text', '')}” ({span.get('start')}–{span.get('end')})"
    )


def traits(config: Config) -> Traits:
    return Traits(widget="text", pay_units=("object",))
