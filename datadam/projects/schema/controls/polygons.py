"""`polygons`: labelled outlines of at least 3 points, inside the image. Scored by mean IoU (greedy).

IoU is measured on a raster of the two polygons' joint bounding box (at most RASTER cells a side), so
concave and self-touching outlines are handled the way a mask would be.
"""

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
    regions,
    regions_from_form,
)
from datadam.projects.schema.controls.boxes import EDGE
from datadam.projects.schema.controls.matching import greedy_mean

MAX_POINTS = 1_000
RASTER = 256


TITLE = gettext_lazy("Draw polygons")  # the control in the schema builder


class Config(LabelledConfig):
    type: Literal["polygons"]
    source: str = Field(default="image", max_length=64)


def validate_value(config: Config, value: object, context: Context | None = None) -> object:
    polygons = regions(config, value, ("points",))
    size = media.image_size(context.data, config.source, context.media) if context else None
    for polygon in polygons:
        points = polygon.get("points")
        if not isinstance(points, list) or not 3 <= len(points) <= MAX_POINTS:
            raise fail(config, _("polygon %(id)s needs 3 to %(most)d points"), id=polygon["id"], most=MAX_POINTS)
        for point in points:
            if not _is_point(point):
                raise fail(config, _("polygon %(id)s: each point is [x, y] in numbers"), id=polygon["id"])
            x, y = point
            if x < -EDGE or y < -EDGE or (size and (x > size[0] + EDGE or y > size[1] + EDGE)):
                raise fail(config, _("polygon %(id)s is outside the image"), id=polygon["id"])
        if _area(points) <= 0:
            raise fail(config, _("polygon %(id)s has no area"), id=polygon["id"])
    return value


def _is_point(point: object) -> bool:
    return (
        isinstance(point, list)
        and len(point) == 2
        and all(isinstance(c, int | float) and not isinstance(c, bool) for c in point)
    )


def _area(points: list) -> float:
    """Shoelace area (absolute)."""
    total = 0.0
    for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1], strict=True):
        total += x1 * y2 - x2 * y1
    return abs(total) / 2


def iou(a: dict, b: dict) -> float:
    points = a["points"] + b["points"]
    left, top = min(p[0] for p in points), min(p[1] for p in points)
    span = max(max(p[0] for p in points) - left, max(p[1] for p in points) - top) or 1.0
    scale = RASTER / span

    import numpy as np  # loaded on use: only scoring a polygon answer needs numpy and Pillow
    from PIL import Image, ImageDraw

    def mask(polygon: dict) -> np.ndarray:
        canvas = Image.new("1", (RASTER + 1, RASTER + 1), 0)
        ImageDraw.Draw(canvas).polygon([((x - left) * scale, (y - top) * scale) for x, y in polygon["points"]], fill=1)
        return np.asarray(canvas, dtype=bool)

    first, second = mask(a), mask(b)
    union = np.logical_or(first, second).sum()
    return float(np.logical_and(first, second).sum() / union) if union else 0.0


def score(config: Config, gold: object, answer: object) -> float:
    return greedy_mean(gold, answer, iou)


def from_form(config: Config, post: QueryDict, field_name: str) -> object:
    return regions_from_form(post, field_name)


def describe(config: Config, value: object) -> str:
    return describe_regions(
        config, value, lambda polygon: " ".join(f"({x}, {y})" for x, y in polygon.get("points") or [])
    )


def traits(config: Config) -> Traits:
    return Traits(widget="image", region_noun=_("Polygon"), pay_units=("object",))
