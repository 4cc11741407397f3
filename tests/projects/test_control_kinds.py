"""Every control kind answers the whole protocol, and its traits use only words the apps above understand."""

import pytest

from datadam.pay.models import UnitRate
from datadam.projects.schema.answers import answer_describe
from datadam.projects.schema.controls import KINDS, REQUIRED, traits_of
from datadam.projects.schema.validate import schema_parse
from datadam.quality.consensus import RULES

EXAMPLES = {
    "choices": {"labels": ["yes", "no"]},
    "spans": {"labels": ["PER"]},
    "relations": {"labels": ["knows"], "spans": "entities"},
    "boxes": {"labels": ["car"]},
    "polygons": {"labels": ["road"]},
    "keypoints": {"labels": ["nose"]},
    "segments": {"labels": ["speaker"], "transcript": True},
    "text": {},
    "rating": {"max": 3},
}


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_each_kind_holds_the_protocol_and_declares_traits_the_apps_know(kind: str) -> None:
    entities = {"type": "spans", "name": "entities", "labels": ["PER"]}
    schema = schema_parse({"controls": [entities, {"type": kind, "name": "answer", **EXAMPLES[kind]}]})

    traits = traits_of(schema.controls[1])

    assert [name for name in REQUIRED if not hasattr(KINDS[kind], name)] == []
    assert traits.widget in {None, "text", "image", "audio"}
    assert traits.column in {"text", "integer", "json"}
    assert set(traits.pay_units) <= set(UnitRate.Unit.values)
    assert traits.consensus in RULES
    assert traits.agreement in {None, "nominal", "interval"}
    assert traits.widget is None or not traits.options, "a widget draws regions; options are for plain fields"


def test_a_segment_answer_reads_in_tenths_of_a_second() -> None:
    talk = {"type": "segments", "name": "talk", "labels": ["speech"], "transcript": True}
    schema = schema_parse({"controls": [talk]})
    segment = {"start": 0.0, "end": 1.8995, "label": "speech", "text": "in being comparatively modern."}

    [(title, words)] = answer_describe(schema, {"talk": [segment]})

    assert "0.0–1.9 s “in being comparatively modern.”" in words and "1.8995" not in words
