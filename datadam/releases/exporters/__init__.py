"""One module per export format, each with `rows(project, include)` yielding the file's pieces.

To add a format: write `exporters/<format>.py` with `rows`, `CONTENT_TYPE` and `EXTENSION`, then list it in
FORMATS. Text formats yield str, binary ones (ZIP, Parquet) yield bytes; a writer encodes str and copies
bytes. An exporter may define `supports(project) -> bool` (e.g. COCO needs boxes or polygons); one that does
not fits every project.
"""

from types import ModuleType

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


def formats_for(project) -> list[str]:
    """The formats that fit the project's schema, in FORMATS order."""
    return [name for name, module in FORMATS.items() if getattr(module, "supports", lambda _project: True)(project)]
