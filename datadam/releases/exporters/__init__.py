"""One module per export format, each with `rows(project, include)` yielding the file's pieces.

To add a format: write `exporters/<format>.py` with `rows`, `CONTENT_TYPE` and `EXTENSION`, then list it in
FORMATS. Text formats yield str, binary ones (ZIP, Parquet) yield bytes; a writer encodes str and copies
bytes. An exporter may define `supports(project) -> bool` (e.g. COCO needs boxes or polygons); one that does
not fits every project.
"""

from types import ModuleType

from django.utils.translation import gettext_lazy as _

from datadam.releases.exporters import asr, coco, coco_zip, conll, jsonl, parquet, predictions, voc, yolo
from datadam.releases.exporters import csv as csv_format

FORMATS: dict[str, ModuleType] = {
    "jsonl": jsonl,
    "csv": csv_format,
    "parquet": parquet,
    "prelabels": predictions,  # ExportJob.file_format holds 10 characters
    "coco": coco,
    "coco_zip": coco_zip,
    "yolo": yolo,
    "voc": voc,
    "conll": conll,
    "asr": asr,
}


# What a manager reads in a format picker, in FORMATS order.
TITLES = {
    "jsonl": _("JSON Lines: each item with all its labels"),
    "csv": _("CSV table: one row per answer (opens in Excel)"),
    "parquet": _("Parquet table: one row per answer (pandas, Hugging Face datasets)"),
    "prelabels": _("Pre-labels JSONL: import into another project as a start"),
    "coco": _("COCO JSON: boxes and polygons"),
    "coco_zip": _("COCO with images (ZIP)"),
    "yolo": _("YOLO with images and data.yaml (ZIP)"),
    "voc": _("Pascal VOC XML with images (ZIP)"),
    "conll": _("CoNLL with BIO tags: named entities"),
    "asr": _("Speech recognition manifest (JSONL: audio path, duration, text)"),
}


def formats_for(project) -> list[str]:
    """The formats that fit the project's schema, in FORMATS order."""
    return [name for name, module in FORMATS.items() if getattr(module, "supports", lambda _project: True)(project)]
