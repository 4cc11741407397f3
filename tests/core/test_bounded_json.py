"""The one JSON reader: every JSON the server parses is bounded in size and depth, and says where it broke."""

import json

import pytest
from django.utils import translation

from datadam.core.errors import JsonOutOfBounds
from datadam.core.text import check_depth, json_problem, load_bounded_json, unstorable_reason


@pytest.fixture
def english() -> None:
    with translation.override("en"):
        yield


pytestmark = pytest.mark.usefixtures("english")


def deep_list(depth: int) -> list:
    """A Python list `depth` levels deep, built without recursion."""
    top: list = []
    inner = top
    for _ in range(depth - 1):
        inner.append([])
        inner = inner[0]
    return top


def test_json_nested_32_levels_is_read_and_33_is_refused_naming_the_path() -> None:
    at_limit = '{"a": {"b c": ' + "[" * 30 + "]" * 30 + "}}"
    over = '{"a": {"b c": ' + "[" * 31 + "]" * 31 + "}}"

    assert load_bounded_json(at_limit) == json.loads(at_limit)
    with pytest.raises(JsonOutOfBounds) as refused:
        load_bounded_json(over)

    assert refused.value.status_code == 422
    assert refused.value.message == '$.a["b c"][0][0][0][0][0][0][0][0]…: nested deeper than 32 levels.'


@pytest.mark.parametrize("depth", [500, 3_000, 100_000])
def test_json_far_too_deep_for_the_parser_itself_is_refused_with_its_path(depth: int) -> None:
    text = '{"rows": [1, {"x": ' + "[" * depth + "]" * depth + "}]}"

    with pytest.raises(JsonOutOfBounds, match=r"^\$\.rows\[1\]\.x\[0\]\[0\].*nested deeper than 32 levels"):
        load_bounded_json(text.encode())


def test_json_larger_than_the_limit_is_refused_before_it_is_parsed() -> None:
    with pytest.raises(JsonOutOfBounds, match=r"^\$\.note: the JSON is 2\.0\sKB, more than the 1\.0\sKB allowed"):
        load_bounded_json('"' + "가" * 682 + '"', max_bytes=1024, root="$.note")


def test_text_that_is_not_json_is_a_value_error_for_the_caller_to_word() -> None:
    with pytest.raises(json.JSONDecodeError):
        load_bounded_json('{"a": ')


def test_a_parsed_value_100000_levels_deep_is_checked_without_running_out_of_stack() -> None:
    value = {"result": deep_list(100_000)}

    with pytest.raises(JsonOutOfBounds, match=r"^\$\.result\[0\]"):
        check_depth(value)
    assert "nested deeper than 32 levels" in unstorable_reason(value)
    check_depth({"result": deep_list(31)})
    assert unstorable_reason({"result": deep_list(31), "note": "fine"}) is None


def test_unstorable_text_is_still_found_deep_inside_a_value() -> None:
    assert "NUL" in unstorable_reason({"a": [{"b": ["ok", "bad\x00"]}]})
    assert "NaN" in unstorable_reason([[1.0, float("inf")]])


@pytest.mark.parametrize(
    ("broken", "in_korean"),
    [
        ('{"a": 1 "b": 2}', "쉼표가 빠졌습니다, 9번째 글자"),
        ('{"a" 1}', "콜론(:)이 빠졌습니다, 6번째 글자"),
    ],
)
def test_a_person_reading_korean_is_told_what_is_wrong_with_their_json_and_where(broken: str, in_korean: str) -> None:
    with pytest.raises(json.JSONDecodeError) as broken_json:
        load_bounded_json(broken)
    with translation.override("ko"):
        assert json_problem(broken_json.value) == in_korean
