"""COCO JSON: boxes and polygons (detection, instance segmentation) and keypoints of the image controls.

The JSON is written piece by piece (categories, then images, then annotations, in two passes over the
data), so memory stays flat. Boxes also carry their rectangle as a segmentation, so both `bbox` and `segm`
evaluation work. Image size comes from the media app's probe (or the item's own width/height fields);
unknown sizes are written as 0. `coco_zip` is the same JSON with the image files, as a ZIP.

Keypoints: each keypoints control is one category whose `keypoints` are the control's label values (and
whose `skeleton` is the control's, where it has one); each item with points is one annotation of it, with a
triplet x, y, v per keypoint name (v = 2 for a placed point, 0 0 0 for a missing one), `num_keypoints`, and
the placed points' extent as `bbox` and `area`. A name placed twice keeps its first point.
"""

import json
from collections.abc import Iterator

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from datadam.projects.models import Project
from datadam.releases.exporters.fit import data_type_mismatch
from datadam.releases.exporters.source import Entry, controls, latest_per_item

TITLE = gettext_lazy("COCO JSON: boxes, polygons and keypoints")
CONTENT_TYPE = "application/json"
EXTENSION = "json"
REGION_KINDS = ("boxes", "polygons")
KINDS = (*REGION_KINDS, "keypoints")


def supports(project: Project) -> str | None:
    if reason := data_type_mismatch(project, Project.DataType.IMAGE, "COCO"):
        return reason
    if not controls(project, *KINDS):
        return _("COCO needs boxes, polygons or keypoints in the label schema.")
    return None


def categories(project: Project) -> dict[str, int]:
    """Label value → category id (1, 2, …), across every box and polygon control, in schema order."""
    ids: dict[str, int] = {}
    for control in controls(project, *REGION_KINDS):
        for label in control.labels:
            ids.setdefault(label.value, len(ids) + 1)
    return ids


def keypoint_categories(project: Project, first_id: int) -> list[tuple[object, int]]:
    """(keypoints control, category id) for each keypoints control, numbered after the region labels."""
    return [(control, first_id + index) for index, control in enumerate(controls(project, "keypoints"))]


def skeleton(control) -> list[list[int]]:
    """The control's skeleton as COCO writes it: pairs of 1-based keypoint numbers ([] when it has none)."""
    names = [label.value for label in control.labels]
    pairs = []
    for pair in getattr(control, "skeleton", None) or []:
        ends = [names.index(end) + 1 if isinstance(end, str) and end in names else end for end in pair]
        if len(ends) == 2 and all(isinstance(end, int) and 1 <= end <= len(names) for end in ends):
            pairs.append(ends)
    return pairs


def image_source(project: Project) -> str:
    found = controls(project, *KINDS)
    return found[0].source if found else "image"


def rows(project: Project, include: str = "accepted") -> Iterator[str]:
    yield from document(project, include, image_prefix="")


def document(project: Project, include: str, *, image_prefix: str) -> Iterator[str]:
    ids, source = categories(project), image_source(project)
    points = keypoint_categories(project, len(ids) + 1)
    listed = [{"id": number, "name": name, "supercategory": ""} for name, number in ids.items()]
    listed += [
        {
            "id": number,
            "name": control.name,
            "supercategory": "",
            "keypoints": [label.value for label in control.labels],
            "skeleton": skeleton(control),
        }
        for control, number in points
    ]
    header = {
        "info": {"description": project.name, "version": "1.0", "contributor": "Datadam"},
        "licenses": [],
        "categories": listed,
    }
    yield json.dumps(header, ensure_ascii=False)[:-1] + ', "images": [\n'
    for index, entry in enumerate(latest_per_item(project, include, with_media=True)):
        yield ("" if index == 0 else ",\n") + json.dumps(image_record(entry, source, image_prefix), ensure_ascii=False)
    yield '\n], "annotations": [\n'
    first, number, used = True, 0, controls(project, *REGION_KINDS)
    for entry in latest_per_item(project, include):
        records = [*annotation_records(used, entry, ids), *keypoint_records(points, entry)]
        for record in records:
            number += 1
            yield ("" if first else ",\n") + json.dumps({"id": number, **record}, ensure_ascii=False)
            first = False
    yield "\n]}\n"


def image_record(entry: Entry, source: str, prefix: str) -> dict:
    width, height = entry.image_size(source) or (0, 0)
    return {
        "id": entry.item_id,
        "file_name": prefix + entry.file_name(source, ".jpg"),
        "width": int(width),
        "height": int(height),
        "external_id": entry.external_id,
    }


def annotation_records(used: list, entry: Entry, ids: dict[str, int]) -> Iterator[dict]:
    for control in used:
        for region in entry.result.get(control.name) or []:
            if not isinstance(region, dict) or region.get("label") not in ids:
                continue
            if control.type == "boxes":
                x, y, w, h = (float(region[key]) for key in ("x", "y", "width", "height"))
                polygon, bbox, area = [x, y, x + w, y, x + w, y + h, x, y + h], [x, y, w, h], w * h
            else:
                points = [[float(px), float(py)] for px, py in region["points"]]
                xs, ys = [p[0] for p in points], [p[1] for p in points]
                polygon = [c for point in points for c in point]
                bbox = [min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)]
                area = _area(points)
            yield {
                "image_id": entry.item_id,
                "category_id": ids[region["label"]],
                "bbox": bbox,
                "area": area,
                "segmentation": [polygon],
                "iscrowd": 0,
                "attributes": {"control": control.name, "region": region.get("id")},
            }


def keypoint_records(points: list[tuple[object, int]], entry: Entry) -> Iterator[dict]:
    """One annotation per keypoints control with at least one placed point on the item."""
    for control, number in points:
        placed = placed_points(control, entry.result.get(control.name))
        if not placed:
            continue
        triplets = []
        for label in control.labels:
            x, y = placed.get(label.value, (0.0, 0.0))
            triplets += [x, y, 2 if label.value in placed else 0]
        xs, ys = [x for x, _y in placed.values()], [y for _x, y in placed.values()]
        bbox = [min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)]
        yield {
            "image_id": entry.item_id,
            "category_id": number,
            "keypoints": triplets,
            "num_keypoints": len(placed),
            "bbox": bbox,
            "area": bbox[2] * bbox[3],
            "iscrowd": 0,
            "attributes": {"control": control.name},
        }


def placed_points(control, value: object) -> dict[str, tuple[float, float]]:
    """Keypoint name → (x, y) of its first placed point, for the names the control knows."""
    names, placed = {label.value for label in control.labels}, {}
    for point in value if isinstance(value, list) else []:
        if isinstance(point, dict) and point.get("label") in names and point["label"] not in placed:
            placed[point["label"]] = (float(point["x"]), float(point["y"]))
    return placed


def _area(points: list) -> float:
    total = sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1], strict=True))
    return abs(total) / 2
