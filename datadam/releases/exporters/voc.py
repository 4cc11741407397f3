"""Pascal VOC XML, as a ZIP: Annotations/<item>.xml, JPEGImages/<item>.<ext>, ImageSets/Main/default.txt.

VOC holds boxes only, so only the project's boxes controls are written (corners in pixels of the image).
"""

from collections.abc import Iterator
from xml.sax.saxutils import escape

from datadam.projects.models import Project
from datadam.releases.exporters.archive import ZipStream
from datadam.releases.exporters.source import Entry, controls, latest_per_item, media_blocks

CONTENT_TYPE = "application/zip"
EXTENSION = "voc.zip"


def supports(project: Project) -> bool:
    return bool(controls(project, "boxes"))


def rows(project: Project, include: str = "accepted") -> Iterator[bytes]:
    used = controls(project, "boxes")
    source = used[0].source if used else "image"
    archive, stems = ZipStream(), []
    for entry in latest_per_item(project, include, with_media=True):
        name = entry.file_name(source, ".jpg")
        yield archive.add(f"Annotations/{entry.stem}.xml", annotation_xml(entry, used, source, name))
        found = entry.files.get(source)
        if found:
            yield from archive.add_blocks(f"JPEGImages/{name}", media_blocks(found["id"]))
        stems.append(entry.stem)  # eight characters an item: 1,000,000 items hold 9 MB
    yield archive.add("ImageSets/Main/default.txt", "".join(stem + "\n" for stem in stems))
    yield archive.close()


def annotation_xml(entry: Entry, used: list, source: str, name: str) -> str:
    width, height = entry.image_size(source) or (0, 0)
    objects = [
        _object(region)
        for control in used
        for region in entry.result.get(control.name) or []
        if isinstance(region, dict) and region.get("label")
    ]
    return (
        "<annotation>\n"
        "  <folder>JPEGImages</folder>\n"
        f"  <filename>{escape(name)}</filename>\n"
        f"  <size><width>{int(width)}</width><height>{int(height)}</height><depth>3</depth></size>\n"
        "  <segmented>0</segmented>\n" + "".join(objects) + "</annotation>\n"
    )


def _object(region: dict) -> str:
    x, y, w, h = (float(region[key]) for key in ("x", "y", "width", "height"))
    return (
        "  <object>\n"
        f"    <name>{escape(region['label'])}</name>\n"
        "    <pose>Unspecified</pose><truncated>0</truncated><difficult>0</difficult>\n"
        f"    <bndbox><xmin>{_num(x)}</xmin><ymin>{_num(y)}</ymin>"
        f"<xmax>{_num(x + w)}</xmax><ymax>{_num(y + h)}</ymax></bndbox>\n"
        "  </object>\n"
    )


def _num(value: float) -> str:
    rounded = round(value, 3)
    return str(int(rounded)) if rounded == int(rounded) else str(rounded)
