"""`relations`: labelled links between two spans of the control named in `spans`. Scored by F1.

Span ids differ between two people's answers, so relations are compared by the spans' (start, end, label)
when the caller passes both results (`gold_result` / `answer_result`), and by span ids otherwise.
"""

from typing import Literal

from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from pydantic import Field

from datadam.projects.schema.controls.base import (
    NAME_PATTERN,
    Context,
    Follows,
    LabelledConfig,
    Traits,
    describe_regions,
    fail,
    regions,
    regions_from_form,
)

TITLE = gettext_lazy("Link spans")  # the control in the schema builder


class Config(LabelledConfig):
    type: Literal["relations"]
    spans: str = Field(pattern=NAME_PATTERN, description="Name of the spans control the relations link")
    directed: bool = True


def validate_value(config: Config, value: object, context: Context | None = None) -> object:
    relations = regions(config, value, ("from", "to"))
    spans = (context.result if context else {}).get(config.spans) or []
    span_ids = {span.get("id") for span in spans if isinstance(span, dict)}
    seen: set[tuple] = set()
    for relation in relations:
        ends = (relation.get("from"), relation.get("to"))
        for end in ends:
            if end not in span_ids:
                raise fail(
                    config,
                    _("relation %(id)s: %(span)s is not a span of %(spans)s"),
                    id=relation["id"],
                    span=repr(end),
                    spans=config.spans,
                )
        if ends[0] == ends[1]:
            raise fail(config, _("relation %(id)s links a span to itself"), id=relation["id"])
        key = _key(config, ends, relation["label"])
        if key in seen:
            raise fail(config, _("relation %(id)s is given twice"), id=relation["id"])
        seen.add(key)
    return value


def _key(config: Config, ends: tuple, label: str) -> tuple:
    return (*ends, label) if config.directed else (*sorted(ends, key=str), label)


def score(
    config: Config, gold: object, answer: object, gold_spans: object = None, answer_spans: object = None
) -> float:
    """F1 of matching relations. With the spans given, ends are compared by position and label, not id."""
    gold_keys, answer_keys = _keys(config, gold, gold_spans), _keys(config, answer, answer_spans)
    if not gold_keys and not answer_keys:
        return 1.0
    return 2 * len(gold_keys & answer_keys) / (len(gold_keys) + len(answer_keys))


def _keys(config: Config, relations: object, spans: object) -> set[tuple]:
    where = {
        span.get("id"): (span.get("start"), span.get("end"), span.get("label"))
        for span in spans or []
        if isinstance(span, dict)
    }
    return {
        _key(
            config,
            (where.get(rel.get("from"), rel.get("from")), where.get(rel.get("to"), rel.get("to"))),
            rel.get("label"),
        )
        for rel in relations or []
        if isinstance(rel, dict)
    }


def from_form(config: Config, post: QueryDict, field_name: str) -> object:
    return regions_from_form(post, field_name)


def describe(config: Config, value: object) -> str:
    arrow = "→" if config.directed else "–"
    return describe_regions(config, value, lambda relation: f"{relation.get('from')} {arrow} {relation.get('to')}")


def traits(config: Config) -> Traits:
    return Traits(widget="text", pay_units=("object",), follows=Follows("spans", config.spans, "spans"))
