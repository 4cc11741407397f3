"""Every control checks its values against the item (text, image size, audio length) and scores against gold."""

import math
from collections.abc import Iterator

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from datadam.core.errors import SchemaViolation
from datadam.projects.schema.controls import boxes, keypoints, polygons, rating, relations, segments, spans
from datadam.projects.schema.controls.base import Context
from datadam.projects.schema.validate import annotation_validate, result_score, schema_parse


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with translation.override("en"):
        yield


SCHEMA = schema_parse(
    {
        "controls": [
            {"type": "spans", "name": "entities", "labels": ["PS", "OG"], "required": False},
            {"type": "relations", "name": "links", "spans": "entities", "labels": ["works_for"], "required": False},
            {"type": "boxes", "name": "objects", "labels": ["cat", "dog"], "required": False},
            {"type": "polygons", "name": "areas", "labels": ["road"], "required": False},
            {"type": "keypoints", "name": "points", "labels": ["nose"], "required": False},
            {"type": "segments", "name": "speech", "labels": ["speech"], "transcript": True, "required": False},
            {"type": "rating", "name": "quality", "max": 5, "required": False},
            {"type": "choices", "name": "scene", "labels": ["indoor", "outdoor"], "required": False},
        ]
    }
)
DATA = {"text": "홍길동이 삼성에 다닌다", "image_width": 640, "image_height": 480, "audio_duration": 3.0}
GOOD = {
    "entities": [
        {"id": "s1", "start": 0, "end": 3, "label": "PS", "text": "홍길동"},
        {"id": "s2", "start": 5, "end": 7, "label": "OG", "text": "삼성"},
    ],
    "links": [{"id": "r1", "from": "s1", "to": "s2", "label": "works_for"}],
    "objects": [{"id": "b1", "x": 10, "y": 20, "width": 100, "height": 50, "label": "cat"}],
    "areas": [{"id": "p1", "points": [[0, 0], [100, 0], [100, 100]], "label": "road"}],
    "points": [{"id": "k1", "x": 5, "y": 7.5, "label": "nose"}],
    "speech": [{"id": "g1", "start": 0.5, "end": 2.25, "label": "speech", "text": "안녕하세요"}],
    "quality": 4,
    "scene": "indoor",
}


def test_an_answer_using_every_control_inside_the_item_is_accepted() -> None:
    assert annotation_validate(SCHEMA, GOOD, DATA) == GOOD


def with_value(name: str, value: object) -> dict:
    return {**GOOD, name: value}


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("entities", [{"id": "s1", "start": 10, "end": 13, "label": "PS"}], "entities: span s1: 10-13 is outside"),
        ("entities", [{"id": "s1", "start": 3, "end": 3, "label": "PS"}], "entities: span s1"),
        ("entities", [{"id": "s1", "start": 0, "end": 3, "label": "PS", "text": "홍길"}], "does not match"),
        ("entities", [{"id": "s1", "start": 0, "end": 3, "label": "LC"}], "'LC' is not a label"),
        ("entities", [{"id": "s1", "start": 0.0, "end": 3, "label": "PS"}], "whole numbers"),
        ("entities", "홍길동", "entities: expected a list"),
        ("links", [{"id": "r1", "from": "s1", "to": "s9", "label": "works_for"}], "links: relation r1: 's9'"),
        ("links", [{"id": "r1", "from": "s1", "to": "s1", "label": "works_for"}], "links a span to itself"),
        ("objects", [{"id": "b1", "x": 600, "y": 20, "width": 100, "height": 50, "label": "cat"}], "objects: box b1"),
        ("objects", [{"id": "b1", "x": -5, "y": 20, "width": 10, "height": 5, "label": "cat"}], "outside the image"),
        ("objects", [{"id": "b1", "x": 5, "y": 20, "width": 0, "height": 5, "label": "cat"}], "more than 0"),
        ("objects", [{"id": "b1", "x": "5", "y": 20, "width": 3, "height": 5, "label": "cat"}], "x must be a number"),
        ("objects", [{"id": "b1", "x": True, "y": 20, "width": 3, "height": 5, "label": "cat"}], "x must be a number"),
        ("objects", [{"x": 5, "y": 20, "width": 3, "height": 5, "label": "cat"}], "needs an id"),
        (
            "objects",
            [{"id": "b", "x": 1, "y": 1, "width": 3, "height": 5, "label": "cat"}] * 2,
            "the id 'b' is used twice",
        ),
        ("objects", [{"id": "b", "x": 1, "y": 1, "w": 3, "height": 5, "label": "cat"}], "unknown field w"),
        ("areas", [{"id": "p1", "points": [[0, 0], [100, 0]], "label": "road"}], "areas: polygon p1 needs 3"),
        ("areas", [{"id": "p1", "points": [[0, 0], [700, 0], [5, 5]], "label": "road"}], "outside the image"),
        ("areas", [{"id": "p1", "points": [[0, 0], [1, 1], [2, 2]], "label": "road"}], "has no area"),
        ("areas", [{"id": "p1", "points": [[0, 0], [1, "a"], [2, 2]], "label": "road"}], "[x, y]"),
        ("points", [{"id": "k1", "x": 641, "y": 7, "label": "nose"}], "points: point k1 is outside"),
        ("speech", [{"id": "g1", "start": 2.0, "end": 1.0, "label": "speech"}], "must start before it ends"),
        ("speech", [{"id": "g1", "start": 2.0, "end": 3.5, "label": "speech"}], "outside the audio (0-3 s)"),
        ("speech", [{"id": "g1", "start": 0, "end": 1, "label": "speech", "text": 5}], "transcript must be text"),
        ("quality", 6, "quality: choose a whole number from 1 to 5"),
        ("quality", True, "quality: choose a whole number"),
        ("quality", 2.5, "quality: choose a whole number"),
    ],
)
def test_a_value_outside_the_item_or_the_rules_is_refused_naming_the_control(
    name: str, value: object, expected: str
) -> None:
    with pytest.raises(SchemaViolation) as caught:
        annotation_validate(SCHEMA, with_value(name, value), DATA)

    assert expected in caught.value.message


def test_a_span_past_the_end_of_the_text_answers_422_naming_the_control() -> None:
    with pytest.raises(SchemaViolation) as caught:
        annotation_validate(SCHEMA, with_value("entities", [{"id": "s", "start": 5, "end": 99, "label": "PS"}]), DATA)

    assert caught.value.status_code == 422
    assert caught.value.message.startswith("entities:")


def test_spans_count_code_points_so_an_emoji_is_one_character() -> None:
    schema = schema_parse({"controls": [{"type": "spans", "name": "e", "labels": ["X"]}]})
    data = {"text": "😀 서울"}

    assert annotation_validate(schema, {"e": [{"id": "a", "start": 2, "end": 4, "label": "X", "text": "서울"}]}, data)


def test_without_a_known_image_size_only_negative_geometry_is_refused() -> None:
    far = [{"id": "b1", "x": 5000, "y": 5000, "width": 10, "height": 10, "label": "cat"}]

    assert annotation_validate(SCHEMA, with_value("objects", far), {"text": DATA["text"]})


def test_image_size_may_come_from_import_metadata() -> None:
    far = [{"id": "b1", "x": 500, "y": 5, "width": 10, "height": 10, "label": "cat"}]
    data = {"text": DATA["text"], "meta": {"image_width": "400", "image_height": "300"}}

    with pytest.raises(SchemaViolation, match="outside the image"):
        annotation_validate(SCHEMA, with_value("objects", far), data)


def test_overlap_can_be_forbidden_for_spans_and_segments() -> None:
    schema = schema_parse(
        {
            "controls": [
                {"type": "spans", "name": "e", "labels": ["X"], "overlap": False},
                {"type": "segments", "name": "g", "labels": ["X"], "overlap": False, "required": False},
            ]
        }
    )
    two = [{"id": "a", "start": 0, "end": 3, "label": "X"}, {"id": "b", "start": 2, "end": 4, "label": "X"}]

    with pytest.raises(SchemaViolation, match="spans a and b overlap"):
        annotation_validate(schema, {"e": two}, {"text": "abcdef"})
    with pytest.raises(SchemaViolation, match="segments a and b overlap"):
        annotation_validate(schema, {"e": two[:1], "g": two}, {"text": "abcdef"})


def test_a_required_region_control_needs_at_least_one_region() -> None:
    schema = schema_parse({"controls": [{"type": "boxes", "name": "objects", "labels": ["cat"]}]})

    with pytest.raises(SchemaViolation, match="objects: add at least one"):
        annotation_validate(schema, {"objects": []}, DATA)


def test_a_transcript_can_be_required_for_each_segment() -> None:
    schema = schema_parse(
        {
            "controls": [
                {"type": "segments", "name": "g", "labels": ["S"], "transcript": True, "transcript_required": True}
            ]
        }
    )

    with pytest.raises(SchemaViolation, match="segment a needs a transcript"):
        annotation_validate(schema, {"g": [{"id": "a", "start": 0, "end": 1, "label": "S"}]}, DATA)


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        ({"controls": [{"type": "relations", "name": "r", "spans": "nope", "labels": ["x"]}]}, "r: spans must name"),
        ({"controls": [{"type": "boxes", "name": "b", "labels": ["a", "a"]}]}, "two labels have the same value"),
        ({"controls": [{"type": "boxes", "name": "b", "labels": []}]}, "controls[0].labels"),
        ({"controls": [{"type": "rating", "name": "r", "max": 11}]}, "controls[0].max"),
        ({"controls": [{"type": "keypoints", "name": "k", "labels": ["a"], "tolerance": 0}]}, "tolerance"),
    ],
)
def test_a_bad_control_config_is_named(document: dict, expected: str) -> None:
    with pytest.raises(SchemaViolation) as caught:
        schema_parse(document)

    assert expected in caught.value.message


# Scores on hand-computed cases.

SPAN_CONFIG, BOX_CONFIG = SCHEMA.controls[0], SCHEMA.controls[2]


def test_span_f1_counts_exact_start_end_and_label() -> None:
    gold = [{"start": 0, "end": 3, "label": "PS"}, {"start": 5, "end": 7, "label": "OG"}]
    answer = [
        {"start": 0, "end": 3, "label": "PS"},
        {"start": 5, "end": 8, "label": "OG"},
        {"start": 9, "end": 10, "label": "PS"},
    ]

    assert spans.score(SPAN_CONFIG, gold, answer) == pytest.approx(2 * 1 / 5)
    assert spans.score(SPAN_CONFIG, [], []) == 1.0


def test_box_iou_of_two_offset_squares_is_a_seventh() -> None:
    gold = [{"x": 0, "y": 0, "width": 10, "height": 10, "label": "cat"}]
    answer = [{"x": 5, "y": 5, "width": 10, "height": 10, "label": "cat"}]

    assert boxes.score(BOX_CONFIG, gold, answer) == pytest.approx(25 / 175)


def test_boxes_are_matched_greedily_by_label_and_missing_ones_count_zero() -> None:
    gold = [
        {"x": 0, "y": 0, "width": 10, "height": 10, "label": "cat"},
        {"x": 50, "y": 50, "width": 10, "height": 10, "label": "dog"},
    ]
    answer = [
        {"x": 50, "y": 50, "width": 10, "height": 10, "label": "dog"},
        {"x": 0, "y": 0, "width": 10, "height": 10, "label": "dog"},
    ]

    assert boxes.score(BOX_CONFIG, gold, answer) == pytest.approx(0.5)


def test_polygon_iou_of_a_square_and_its_half_is_a_half() -> None:
    square = [{"points": [[0, 0], [100, 0], [100, 100], [0, 100]], "label": "road"}]
    half = [{"points": [[0, 0], [50, 0], [50, 100], [0, 100]], "label": "road"}]

    assert polygons.score(SCHEMA.controls[3], square, half) == pytest.approx(0.5, abs=0.02)
    assert polygons.score(SCHEMA.controls[3], square, square) == pytest.approx(1.0)


def test_keypoint_score_falls_with_distance_over_the_tolerance() -> None:
    config = SCHEMA.controls[4]
    gold = [{"x": 0, "y": 0, "label": "nose"}]

    assert keypoints.score(config, gold, [{"x": 0, "y": 0, "label": "nose"}]) == 1.0
    assert keypoints.score(config, gold, [{"x": 6, "y": 8, "label": "nose"}]) == pytest.approx(math.exp(-0.5))
    assert keypoints.score(config, gold, []) == 0.0


def test_segment_score_is_iou_and_with_a_transcript_the_mean_with_one_minus_cer() -> None:
    config = SCHEMA.controls[5]
    gold = [{"start": 0, "end": 2, "label": "speech"}]
    answer = [{"start": 1, "end": 3, "label": "speech"}]

    assert segments.score(config, gold, answer) == pytest.approx(1 / 3)
    gold_text = [{"start": 0, "end": 2, "label": "speech", "text": "abcd"}]
    answer_text = [{"start": 0, "end": 2, "label": "speech", "text": "abce"}]
    assert segments.score(config, gold_text, answer_text) == pytest.approx((1 + 0.75) / 2)


def test_rating_score_is_closeness_on_the_scale() -> None:
    assert rating.score(SCHEMA.controls[6], 5, 4) == pytest.approx(0.75)
    assert rating.score(SCHEMA.controls[6], 1, 5) == 0.0


def test_relations_are_compared_by_their_spans_positions_not_ids() -> None:
    gold = {
        "entities": [
            {"id": "a", "start": 0, "end": 3, "label": "PS"},
            {"id": "b", "start": 5, "end": 7, "label": "OG"},
        ],
        "links": [{"id": "r", "from": "a", "to": "b", "label": "works_for"}],
    }
    answer = {
        "entities": [
            {"id": "x", "start": 5, "end": 7, "label": "OG"},
            {"id": "y", "start": 0, "end": 3, "label": "PS"},
        ],
        "links": [{"id": "q", "from": "y", "to": "x", "label": "works_for"}],
    }

    scores = result_score(SCHEMA, gold, answer)

    assert scores["links"] == 1.0
    assert scores["entities"] == 1.0
    assert relations.score(SCHEMA.controls[1], gold["links"], answer["links"]) == 0.0


box = st.builds(
    lambda x, y, w, h: {"x": x, "y": y, "width": w, "height": h, "label": "cat"},
    st.integers(0, 500),
    st.integers(0, 400),
    st.integers(1, 100),
    st.integers(1, 80),
)


@given(st.lists(box, max_size=5), st.lists(box, max_size=5))
def test_box_scores_stay_in_0_1_and_are_symmetric(gold: list, answer: list) -> None:
    value = boxes.score(BOX_CONFIG, gold, answer)

    assert 0.0 <= value <= 1.0 + 1e-9
    assert value == pytest.approx(boxes.score(BOX_CONFIG, answer, gold))
    assert boxes.score(BOX_CONFIG, gold, gold) == pytest.approx(1.0)


@given(st.text(min_size=1, max_size=30), st.data())
def test_any_span_inside_the_text_with_its_slice_is_accepted(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    value = [{"id": "s", "start": start, "end": end, "label": "PS", "text": text[start:end]}]

    assert spans.validate_value(SPAN_CONFIG, value, Context(data={"text": text}))


def test_without_item_data_only_what_the_answer_shows_is_checked() -> None:
    """Callers that hold no item (a course's gold answer) still get labels and shapes checked."""
    far = {"entities": [{"id": "s1", "start": 50, "end": 60, "label": "PS"}]}

    assert annotation_validate(SCHEMA, far) == far
    with pytest.raises(SchemaViolation, match="entities: span s1: 5-2 is outside"):
        annotation_validate(SCHEMA, {"entities": [{"id": "s1", "start": 5, "end": 2, "label": "PS"}]})
    with pytest.raises(SchemaViolation, match="the item has no text in text"):
        annotation_validate(SCHEMA, far, {"image": "media:1"})
