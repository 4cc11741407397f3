"""`boxes`: labelled rectangles in pixels of the original image, inside it. Scored by mean IoU (greedy)."""

from typing import Literal

from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from pydantic import Field

from datadam.projects.schema import media
from datadam.projects.schema.controls.base import (
    Context,
    LabelledConfig,
    Traits,
    describe_regions,
    fail,
    number,
    regions,
    regions_from_form,
)
from datadam.projects.schema.controls.matching import greedy_mean

EDGE = 0.5  # half a pixel of slack at the image's edge, for widgets that round


TITLE = gettext_lazy("Draw boxes")  # the control in the schema builder


class Config(LabelledConfig):
    type: Literal["boxes"]
    source: str = Field(default="image", max_length=64)


def validate_value(config: Config, value: object, context: Context | None = None) -> object:
    boxes = regions(config, value, ("x", "y", "width", "height"))
    size = media.image_size(context.data, config.source, context.media) if context else None
    for box in boxes:
        x, y, width, height = (number(config, box, key) for key in ("x", "y", "width", "height"))
        if width <= 0 or height <= 0:
            raise fail(config, _("box %(id)s: width and height must be more than 0"), id=box["id"])
        if x < -EDGE or y < -EDGE or (size and (x + width > size[0] + EDGE or y + height > size[1] + EDGE)):
            raise fail(config, _("box %(id)s is outside the image"), id=box["id"])
    return value


def iou(a: dict, b: dict) -> float:
    width = min(a["x"] + a["width"], b["x"] + b["width"]) - max(a["x"], b["x"])
    height = min(a["y"] + a["height"], b["y"] + b["height"]) - max(a["y"], b["y"])
    if width <= 0 or height <= 0:
        return 0.0
    overlap = width * height
    return overlap / (a["width"] * a["height"] + b["width"] * b["height"] - overlap)


def score(config: Config, gold: object, answer: object) -> float:
    return greedy_mean(gold, answer, iou)


def from_form(config: Config, post: QueryDict, field_name: str) -> object:
    return regions_from_form(post, field_name)


def describe(config: Config, value: object) -> str:
    return describe_regions(
        config, value, lambda box: f"{box.get('x')}, {box.get('y')}, {box.get('width')} × {box.get('height')} px"
    )


def traits(config: Config) -> Traits:
    return Traits(widget="image", region_noun=_("Box"), pay_units=("object",), consensus="boxes")
