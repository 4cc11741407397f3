"""An answer read from a posted page, and an answer in words: the one parser that labeling, review's
correction and the academy's practice and evaluation share.

Each control kind reads its own field (`from_form` in its module): choices and ratings are plain form
fields, region controls post the JSON list their widget wrote into a hidden field named after the control.
"""

from django.http import QueryDict

from datadam.projects.schema.controls import kind_of
from datadam.projects.schema.validate import LabelSchema


def answer_from_post(schema: LabelSchema, post: QueryDict, prefix: str = "") -> dict:
    """Only what the person filled in: a control left empty is left out (the schema says if it was required).

    `prefix` is put before each control's name, for pages with several items in one form (an evaluation)."""
    answer: dict = {}
    for control in schema.controls:
        value = kind_of(control).from_form(control, post, f"{prefix}{control.name}")
        if value is not None:
            answer[control.name] = value
    return answer


def answer_describe(schema: LabelSchema, result: dict) -> list[tuple[str, str]]:
    """An answer in words: (control title, what was answered) for each control the result holds."""
    return [
        (control.title or control.name, kind_of(control).describe(control, result[control.name]))
        for control in schema.controls
        if control.name in result
    ]
