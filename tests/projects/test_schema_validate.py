"""A manager writes a label schema; mistakes are named with the JSON path of the problem."""

from collections.abc import Iterator

import pytest
from django.utils import translation

from datadam.core.errors import SchemaViolation
from datadam.projects.schema.controls import choices, text
from datadam.projects.schema.validate import annotation_validate, schema_parse


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """The messages are checked in English; the Korean catalog has its own test."""
    with translation.override("en"):
        yield


GOOD = {
    "controls": [
        {"type": "choices", "name": "sentiment", "labels": ["positive", {"value": "negative", "hotkey": "n"}]},
        {"type": "choices", "name": "topics", "multiple": True, "required": False, "labels": ["acting", "music"]},
        {"type": "text", "name": "summary", "max_length": 20, "required": False},
    ]
}


def test_a_schema_with_single_and_multiple_choices_and_text_is_accepted() -> None:
    schema = schema_parse(GOOD)

    assert [control.type for control in schema.controls] == ["choices", "choices", "text"]
    assert schema.controls[0].labels[1].hotkey == "n"


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        ({"controls": [{"type": "boxes3d", "name": "x"}]}, "controls[0].type: unknown control 'boxes3d'"),
        ({"controls": [{"name": "x", "labels": ["a"]}]}, "controls[0].type"),
        ({"controls": [GOOD["controls"][0], {"type": "choices", "name": "y", "labels": []}]}, "controls[1].labels"),
        ({"controls": [{"type": "choices", "name": "x", "labels": ["a", "a"]}]}, "same value"),
        (
            {"controls": [{"type": "choices", "name": "x", "labels": [{"value": "a", "colour": "red"}]}]},
            "controls[0].labels[0].colour",
        ),
        ({"controls": [{"type": "text", "name": "t"}, {"type": "text", "name": "t"}]}, "named 't'"),
        ({"controls": [{"type": "text", "name": "t", "min_length": 9, "max_length": 3}]}, "min_length"),
        ({"controls": []}, "controls"),
        ([], "JSON object"),
        ({"controls": [{"type": "text", "name": "t\x00"}]}, "NUL"),
    ],
)
def test_a_broken_schema_is_refused_with_the_path_of_the_problem(document: object, expected: str) -> None:
    with pytest.raises(SchemaViolation) as caught:
        schema_parse(document)

    assert expected in caught.value.message


def test_an_annotation_with_every_control_filled_is_valid() -> None:
    result = {"sentiment": "negative", "topics": ["music"], "summary": "짧은 요약"}

    assert annotation_validate(schema_parse(GOOD), result) == result


@pytest.mark.parametrize(
    ("result", "expected"),
    [
        ({"sentiment": "neutral"}, "'neutral' is not a label"),
        ({"sentiment": "positive", "topics": "music"}, "expected a list"),
        ({"sentiment": "positive", "topics": ["music", "music"]}, "picked twice"),
        ({"sentiment": "positive", "summary": "x" * 21}, "at most 20"),
        ({"sentiment": "positive", "mood": "happy"}, "mood: there is no such control"),
        ({"topics": ["music"]}, "sentiment: this answer is required"),
        ("positive", "object"),
    ],
)
def test_an_annotation_that_breaks_the_schema_names_the_control(result: object, expected: str) -> None:
    with pytest.raises(SchemaViolation) as caught:
        annotation_validate(schema_parse(GOOD), result)

    assert expected in caught.value.message


def test_choices_score_exact_match_and_jaccard_for_multiple() -> None:
    single, multiple = schema_parse(GOOD).controls[:2]

    assert choices.score(single, "positive", "positive") == 1.0
    assert choices.score(single, "positive", "negative") == 0.0
    assert choices.score(multiple, ["acting", "music"], ["music"]) == 0.5


def test_text_score_is_one_minus_the_character_error_rate() -> None:
    control = schema_parse(GOOD).controls[2]

    assert text.score(control, "감동적이다", "감동적이다") == 1.0
    assert text.score(control, "감동적이다", "감동적이야") == pytest.approx(0.8)
    assert text.score(control, "", "") == 1.0
