"""YOLO in the Ultralytics layout, as a ZIP: data.yaml, images/train/<item>.<ext>, labels/train/<item>.txt.

Boxes are written as `class cx cy w h`; a schema with polygons and no boxes gives segmentation lines
`class x1 y1 x2 y2 …`. Coordinates are normalized by the image size, so an item whose size is not known
is left out. Every item is in the train folder and data.yaml points val at it too: the release package
holds the train / validation split.
"""

from collections.abc import Iterator

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from datadam.projects.models import Project
from datadam.releases.exporters import coco
from datadam.releases.exporters.fit import data_type_mismatch
from datadam.releases.exporters.source import Entry, controls, latest_per_item, media_blocks
from datadam.releases.zipstream import Content, stream

TITLE = gettext_lazy("YOLO with images and data.yaml (ZIP): boxes, or polygons for segmentation")
CONTENT_TYPE = "application/zip"
EXTENSION = "zip"


def supports(project: Project) -> str | None:
    if reason := data_type_mismatch(project, Project.DataType.IMAGE, "YOLO"):
        return reason
    if not controls(project, "boxes", "polygons"):
        return _("YOLO needs boxes or polygons in the label schema.")
    return None


def rows(project: Project, include: str = "accepted") -> Iterator[bytes]:
    return stream(members(project, include))


def members(project: Project, include: str) -> Iterator[tuple[str, Content]]:
    names, kind = coco.categories(project), "boxes" if controls(project, "boxes") else "polygons"
    used = controls(project, kind)
    source = used[0].source if used else "image"
    yield "data.yaml", data_yaml(names)
    for entry in latest_per_item(project, include, with_media=True):
        size = entry.image_size(source)
        if size is None:
            continue
        lines = [line for control in used for line in label_lines(entry, control, names, size)]
        yield f"labels/train/{entry.stem}.txt", "".join(lines)
        found = entry.files.get(source)
        if found:
            yield f"images/train/{entry.file_name(source, '.jpg')}", media_blocks(found["id"])


def data_yaml(names: dict[str, int]) -> str:
    lines = ["path: .", "train: images/train", "val: images/train", "names:"]
    lines += [f"  {number - 1}: {yaml_text(name)}" for name, number in names.items()]
    return "\n".join(lines) + "\n"


def yaml_text(text: str) -> str:
    """A double-quoted YAML scalar: any label text stays a string."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def label_lines(entry: Entry, control, names: dict[str, int], size: tuple[float, float]) -> Iterator[str]:
    width, height = size
    for region in entry.result.get(control.name) or []:
        number = names.get(region.get("label"))
        if number is None:
            continue
        if control.type == "boxes":
            x, y, w, h = (float(region[key]) for key in ("x", "y", "width", "height"))
            values = [(x + w / 2) / width, (y + h / 2) / height, w / width, h / height]
        else:
            values = [c / (width if i % 2 == 0 else height) for point in region["points"] for i, c in enumerate(point)]
        yield f"{number - 1} " + " ".join(f"{min(max(value, 0.0), 1.0):.6f}" for value in values) + "\n"
