"""A practice explanation may cite only what the trainee sees on the page: the item's shown fields and the answer.

An item's data often carries more than the labeling page shows (a review's star rating, its source's own score).
An explanation that leans on such a field teaches the trainee to look for something the page never shows them,
so adding one is refused, and the demo's courses are tested against the same rule.
"""

import re

from datadam.labeling import page_layout
from datadam.projects.schema.validate import LabelSchema

# Fields every item page shows when the item has them (the text above the controls).
SHOWN_ALWAYS = {"text"}
# How people write fields that data sets often carry beside what is labeled, besides the field's own name.
FIELD_WORDS = {
    "rating": ("rating", "stars", "star", "별점", "평점"),
    "score": ("score", "점수"),
}


def shown_fields(schema: LabelSchema, data: dict) -> set[str]:
    """The item's fields the labeling page shows: its text, what the widgets draw on, and their sizes."""
    blocks = page_layout.blocks_for_display(schema, {}, data=data, media={})
    sources = SHOWN_ALWAYS | {block["source"] for block in blocks if block["widget"]}
    return {field for field in data if field in sources or field.split("_")[0] in sources}


def hidden_fields_named(schema: LabelSchema, data: dict, explanation: str) -> list[str]:
    """The fields of `data` that the page hides from labelers and that `explanation` names (by the field's own
    name, or a usual word for it: "별점" for a rating)."""
    hidden = set(data) - shown_fields(schema, data)
    named = []
    for field in sorted(hidden):
        words = {field, *FIELD_WORDS.get(field.lower(), ())}
        if any(_names(explanation, word) for word in words):
            named.append(field)
    return named


def _names(text: str, word: str) -> bool:
    """An English word stands alone ("stars", not "start"); a Korean one may carry a particle ("별점이")."""
    if word.isascii():
        return re.search(rf"\b{re.escape(word)}\b", text, re.IGNORECASE) is not None
    return word in text
