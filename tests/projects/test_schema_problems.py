"""A manager's schema mistake is named by its path, in the manager's language, never in pydantic's English."""

import pytest
from django.utils import translation

from datadam.core.errors import SchemaViolation
from datadam.projects.schema.validate import schema_parse
from tests.conftest import client_for

MISTAKES = [
    ({"controls": [{"type": "choices", "name": "a", "labels": ["x"]}, {"type": "choices", "name": "b", "labels": []}]},
     "controls[1].labels: ", "too few: at least 1", "너무 적습니다"),
    ({"controls": [{"type": "choices", "name": "1a", "labels": ["x"]}]},
     "controls[0].name: ", "use letters, digits", "영문자"),
    ({"controls": [{"type": "rating", "name": "a", "max": 20}]}, "controls[0].max: ", "at most 10", "10 이하"),
    ({"controls": [{"type": "rating", "name": "a", "colour": 1}]}, "controls[0].colour: ", "no such field", "없는"),
    ({"controls": [{"type": "choices", "labels": ["x"]}]}, "controls[0].name: ", "required", "필요"),
    ({"controls": [{"type": "choices", "name": "a", "labels": ["x"], "multiple": "maybe"}]},
     "controls[0].multiple: ", "true or false", "true 또는 false"),
    ({"controls": [{"type": "choices", "name": "a", "labels": [{"value": "x", "color": "red"}]}]},
     "controls[0].labels[0].color: ", "not allowed", "쓸 수 없는"),
]  # fmt: skip


@pytest.mark.parametrize(("document", "path", "english", "korean"), MISTAKES)
def test_a_schema_mistake_names_its_path_in_english_and_in_korean(document, path, english, korean) -> None:
    for language, words in (("en", english), ("ko", korean)):
        with translation.override(language), pytest.raises(SchemaViolation) as caught:
            schema_parse(document)
        assert caught.value.message.startswith(path)
        assert words in caught.value.message
        assert "should" not in caught.value.message  # pydantic's English ("Input should be …")


def test_the_project_form_shows_the_mistake_beside_the_json_in_korean(cast) -> None:
    bad = '{"controls": [{"type": "rating", "name": "a", "max": 20}]}'
    page = client_for(cast.manager).post(
        "/projects/new/", {"organization": cast.project.organization_id, "name": "x", "data_type": "text",
                           "schema": bad, "default_overlap": 1, "join_policy": "open", "rate_per_item": 0,
                           "rate_per_review": 0, "pay_on": "accept", "correction_pay": "half"},
    )  # fmt: skip

    assert page.status_code == 422
    assert "controls[0].max: 10 이하" in page.content.decode()


def test_broken_json_in_the_advanced_editor_is_explained_in_korean(cast) -> None:
    page = client_for(cast.manager).post(
        "/projects/new/", {"organization": cast.project.organization_id, "name": "x", "schema": '{"controls": [}'}
    )

    message = page.context["form"].errors["schema"][0]
    assert message == "올바른 JSON이 아닙니다: 값이 빠졌습니다, 15번째 글자 (1번째 줄)"
