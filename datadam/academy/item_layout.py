"""Lay a course item out for the practice and evaluation pages exactly as the labeling page lays out a task.

Plain controls (choices, ratings, free text) are form fields; region controls (boxes, polygons, spans,
segments) are drawn by the same browser widgets, which write their list as JSON into a hidden field named after
the control (with the item's prefix on an evaluation page). A posted page is read back by the shared parser,
`projects.schema.answers.answer_from_post`. The feedback draws the trainee's regions and the expected ones
side by side with the same widgets, read-only.
"""

from datadam.academy.models import CourseItem
from datadam.academy.services.learning import Feedback
from datadam.labeling import page_layout
from datadam.media.selectors import item_media
from datadam.projects.schema.controls import kind_of
from datadam.projects.schema.validate import LabelSchema


def item_layout(actor, schema: LabelSchema, course_item: CourseItem, values: dict, prefix: str = "") -> dict:
    """What a page draws for one item: its controls and widgets holding `values`, and media no widget draws."""
    media = item_media(actor, course_item.item)
    blocks = page_layout.blocks_for_display(schema, values, data=course_item.item.data, media=media)
    return {
        "course_item": course_item,
        "prefix": prefix,
        "blocks": blocks,
        "media": media,
        "plain_media": page_layout.plain_media(blocks, media),
        "text_in_widget": any(block["widget"] == "text" and block["source"] == "text" for block in blocks),
    }


def page_scripts(layouts: list[dict]) -> dict:
    """The widget scripts and their translated words, once for the whole page."""
    return {
        "widgets": sorted({kind for layout in layouts for kind in page_layout.widget_kinds(layout["blocks"])}),
        "plain_media": [shown for layout in layouts for shown in layout["plain_media"]],
        "widget_messages": page_layout.widget_messages(),
    }


def feedback_layout(schema: LabelSchema, feedback: Feedback, answer: dict, layout: dict) -> dict:
    """The feedback in words (each control's score and both answers described) and, for region controls, the
    trainee's answer and the expected one drawn side by side by the read-only widgets."""
    data, media = layout["course_item"].item.data, layout["media"]
    rows = []
    for control in schema.controls:
        if control.name not in feedback.scores:
            continue
        kind, expected, given = kind_of(control), feedback.expected.get(control.name), answer.get(control.name)
        score = feedback.scores[control.name]
        rows.append(
            {
                "title": control.title or control.name,
                "percent": round(score * 100),
                "right": score >= feedback.pass_mark,
                "expected": kind.describe(control, expected) if expected not in (None, "", []) else "",
                "given": kind.describe(control, given) if given not in (None, "", []) else "",
                "counts": (len(given or []), len(expected)) if isinstance(expected, list) else None,
            }
        )
    return {
        "rows": rows,
        "percent": round(feedback.score * 100),
        "pass_percent": round(feedback.pass_mark * 100),
        "given_blocks": _widget_blocks(schema, answer, data, media),
        "expected_blocks": _widget_blocks(schema, feedback.expected, data, media),
    }


def _widget_blocks(schema: LabelSchema, values: dict, data: dict, media: dict) -> list[dict]:
    blocks = page_layout.blocks_for_display(schema, values, data=data, media=media)
    return [block for block in blocks if block["widget"]]
