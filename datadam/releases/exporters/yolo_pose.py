"""YOLO pose in the Ultralytics layout, as a ZIP: data.yaml with `kpt_shape`, images/train/<item>.<ext> and
labels/train/<item>.txt with one line per keypoints control an item has points for:

    class cx cy w h px1 py1 v1 px2 py2 v2 …

The class is the keypoints control (0, 1, … in schema order, named in data.yaml); its keypoints are the
control's label values, in order (listed as `kpt_names`; with one control, `flip_idx` pairs left_ and right_
names so the left-right flip augmentation stays on). The box is the extent of the placed points; every
value is normalized by the image size. v is 2 for a placed point; a missing one is written 0 0 0, as
Ultralytics expects. When controls name different numbers of keypoints, the shorter ones are padded with
missing points so every line has the same length. Items whose image size is not known are left out, as in `yolo`.
"""

from collections.abc import Iterator

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from datadam.projects.models import Project
from datadam.releases.exporters import coco, yolo
from datadam.releases.exporters.fit import data_type_mismatch
from datadam.releases.exporters.source import Entry, controls, latest_per_item, media_blocks
from datadam.releases.zipstream import Content, stream

TITLE = gettext_lazy("YOLO pose with images and data.yaml (ZIP): keypoints")
CONTENT_TYPE = "application/zip"
EXTENSION = "zip"


def supports(project: Project) -> str | None:
    if reason := data_type_mismatch(project, Project.DataType.IMAGE, "YOLO pose"):
        return reason
    if not controls(project, "keypoints"):
        return _("YOLO pose needs keypoints in the label schema.")
    return None


def rows(project: Project, include: str = "accepted") -> Iterator[bytes]:
    return stream(members(project, include))


def members(project: Project, include: str) -> Iterator[tuple[str, Content]]:
    used = controls(project, "keypoints")
    source = used[0].source if used else "image"
    width = max((len(control.labels) for control in used), default=0)
    yield "data.yaml", data_yaml(used, width)
    for entry in latest_per_item(project, include, with_media=True):
        size = entry.image_size(source)
        if size is None:
            continue
        lines = [pose_line(entry, control, number, width, size) for number, control in enumerate(used)]
        yield f"labels/train/{entry.stem}.txt", "".join(lines)
        found = entry.files.get(source)
        if found:
            yield f"images/train/{entry.file_name(source, '.jpg')}", media_blocks(found["id"])


def data_yaml(used: list, width: int) -> str:
    lines = ["path: .", "train: images/train", "val: images/train", f"kpt_shape: [{width}, 3]"]
    if len(used) == 1:
        lines.append(f"flip_idx: {flip_index([label.value for label in used[0].labels])}")
    lines.append("names:")
    lines += [f"  {number}: {yolo.yaml_text(control.name)}" for number, control in enumerate(used)]
    lines += ["kpt_names:"]
    lines += [
        f"  {number}: [{', '.join(yolo.yaml_text(label.value) for label in control.labels)}]"
        for number, control in enumerate(used)
    ]
    return "\n".join(lines) + "\n"


def flip_index(names: list[str]) -> list[int]:
    """Where each keypoint goes when the image is mirrored: a left_/right_ (or L/R-suffixed) name swaps with
    its partner, any other stays. Ultralytics needs this to keep its left-right flip augmentation."""
    swaps = (("left", "right"), ("Left", "Right"), ("_l", "_r"), ("_L", "_R"))
    found = []
    for index, name in enumerate(names):
        partner = next(
            (name.replace(a, "\0").replace(b, a).replace("\0", b) for a, b in swaps if a in name or b in name),
            name,
        )
        found.append(names.index(partner) if partner in names else index)
    return found


def pose_line(entry: Entry, control, number: int, width: int, size: tuple[float, float]) -> str:
    """The control's points on the item as one pose line, or "" when none is placed."""
    placed = coco.placed_points(control, entry.result.get(control.name))
    if not placed:
        return ""
    image_width, image_height = size
    xs, ys = [x for x, _y in placed.values()], [y for _x, y in placed.values()]
    left, top, right, bottom = min(xs), min(ys), max(xs), max(ys)
    box = [(left + right) / 2 / image_width, (top + bottom) / 2 / image_height]
    box += [(right - left) / image_width, (bottom - top) / image_height]
    values = [_unit(value) for value in box]
    for label in control.labels:
        if label.value in placed:
            x, y = placed[label.value]
            values += [_unit(x / image_width), _unit(y / image_height), "2"]
        else:
            values += ["0", "0", "0"]
    values += ["0"] * 3 * (width - len(control.labels))
    return f"{number} " + " ".join(values) + "\n"


def _unit(value: float) -> str:
    return f"{min(max(value, 0.0), 1.0):.6f}"
