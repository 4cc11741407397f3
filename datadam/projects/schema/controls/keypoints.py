"""`keypoints`: labelled points in the image. Scored by distance: exp(−d² / 2·tolerance²) per matched point."""

import math
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
from datadam.projects.schema.controls.boxes import EDGE
from datadam.projects.schema.controls.matching import greedy_mean

TITLE = gettext_lazy("Place points")  # the control in the schema builder


class Config(LabelledConfig):
    type: Literal["keypoints"]
    source: str = Field(default="image", max_length=64)
    tolerance: float = Field(default=10.0, gt=0, le=10_000, description="Pixels at which a point scores about 0.6")


def validate_value(config: Config, value: object, context: Context | None = None) -> object:
    points = regions(config, value, ("x", "y"))
    size = media.image_size(context.data, config.source, context.media) if context else None
    for point in points:
        x, y = number(config, point, "x"), number(config, point, "y")
        if x < -EDGE or y < -EDGE or (size and (x > size[0] + EDGE or y > size[1] + EDGE)):
            raise fail(config, _("point %(id)s is outside the image"), id=point["id"])
    return value


def score(config: Config, gold: object, answer: object) -> float:
    def closeness(a: dict, b: dict) -> float:
        distance = math.hypot(a["x"] - b["x"], a["y"] - b["y"])
        return math.exp(-(distance**2) / (2 * config.tolerance**2))

    return greedy_mean(gold, answer, closeness)


def from_form(config: Config, post: QueryDict, field_name: str) -> object:
    return regions_from_form(post, field_name)


def describe(config: Config, value: object) -> str:
    return describe_regions(config, value, lambda point: f"{point.get('x')}, {point.get('y')} px")


def traits(config: Config) -> Traits:
    return Traits(widget="image", region_noun=_("Point"), pay_units=("object",))
