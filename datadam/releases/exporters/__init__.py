"""One module per export format; this registry is what the export page, the API, the command line and the
release package offer.

To add a format, write `exporters/<format>.py` with:

- `rows(project, include)`: the file's pieces; text formats yield str, binary ones (ZIP, Parquet) yield bytes
  (a writer encodes str and copies bytes);
- `supports(project) -> str | None`: None when the format fits the project's data type and label schema,
  otherwise the reason, in plain translated words (it is shown to the person who asked);
- `TITLE` (a short plain description for the format picker), `CONTENT_TYPE` and `EXTENSION` (one
  extension, without a dot: the file name says the format once);
- optionally `IN_PACKAGE = False` for a format made for people rather than data tools, which release
  packages leave out;

then list it in FORMATS (the name fits ExportJob.file_format, 10 characters) and in the table of
tests/releases/test_export_fit.py, which checks every format against every data type.
"""

from types import ModuleType

from django.utils.translation import gettext as _

from datadam.projects.models import Project
from datadam.releases.exporters import (
    asr,
    coco,
    coco_zip,
    conll,
    csv_safe,
    jsonl,
    parquet,
    predictions,
    voc,
    yolo,
    yolo_pose,
)
from datadam.releases.exporters import csv as csv_format

FORMATS: dict[str, ModuleType] = {
    "jsonl": jsonl,
    "csv": csv_format,
    "csv_safe": csv_safe,
    "parquet": parquet,
    "prelabels": predictions,
    "coco": coco,
    "coco_zip": coco_zip,
    "yolo": yolo,
    "yolo_pose": yolo_pose,
    "voc": voc,
    "conll": conll,
    "asr": asr,
}


def unfit_reason(name: str, project: Project) -> str | None:
    """Why the format cannot be filled from this project, or None when it fits (an unknown name never fits)."""
    exporter = FORMATS.get(name)
    if exporter is None:
        return _("Unknown export format: %(name)s") % {"name": name}
    return exporter.supports(project)


def formats_for(project: Project) -> list[str]:
    """The formats that fit the project's data type and schema, in FORMATS order."""
    return [name for name, exporter in FORMATS.items() if exporter.supports(project) is None]


def file_name(stem: str, name: str) -> str:
    """`<stem>.<ext>` when the extension already says the format (labels.csv), else `<stem>_<format>.<ext>`
    (labels_voc.zip): one extension, the format named once."""
    extension = FORMATS[name].EXTENSION
    return f"{stem}.{extension}" if extension == name else f"{stem}_{name}.{extension}"
