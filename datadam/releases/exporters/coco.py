"""COCO object detection / instance segmentation JSON: boxes and polygons of the project's image controls.

The JSON is written piece by piece (categories, then images, then annotations, in two passes over the
data), so memory stays flat. Boxes also carry their rectangle as a segmentation, so both `bbox` and `segm`
evaluation work. Image size comes from the media app's probe (or the item's own width/height fields);
unknown sizes are written as 0. `coco_zip` is the same JSON with the image files, as a ZIP.
"""

import json
from collections.abc import Iterator

from datadam.projects.models import Project
from datadam.releases.exporters.source import Entry, controls, latest_per_item

CONTENT_TYPE = "application/json"
EXTENSION = "json"
KINDS = ("boxes", "polygons")


def supports(project: Project) -> bool:
    return bool(controls(project, *KINDS))


def categories(project: Project) -> dict[str, int]:
    """Label value → category id (1, 2, …), across every box and polygon control, in schema order."""
    ids: dict[str, int] = {}
    for control in controls(project, *KINDS):
        for label in control.labels:
            ids.setdefault(label.value, len(ids) + 1)
    return ids


def image_source(project: Project) -> str:
    found = controls(project, *KINDS)
    return found[0].source if found else "image"


def rows(project: Project, include: str = "accepted") -> Iterator[str]:
    yield from document(project, include, image_prefix="")


def document(project: Project, include: str, *, image_prefix: str) -> Iterator[str]:
    ids, source = categories(project), image_source(project)
    header = {
        "info": {"description": project.name, "version": "1.0", "contributor": "Datadam"},
        "licenses": [],
        "categories": [{"id": number, "name": name, "supercategory": ""} for name, number in ids.items()],
    }
    yield json.dumps(header, ensure_ascii=False)[:-1] + ', "images": [\n'
    for index, entry in enumerate(latest_per_item(project, include, with_media=True)):
        yield ("" if index == 0 else ",\n") + json.dumps(image_record(entry, source, image_prefix), ensure_ascii=False)
    yield '\n], "annotations": [\n'
    first, number, used = True, 0, controls(project, *KINDS)
    for entry in latest_per_item(project, include):
        for record in annotation_records(used, entry, ids):
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
            if region.get("label") not in ids:
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


def _area(points: list) -> float:
    total = sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1], strict=True))
    return abs(total) / 2
