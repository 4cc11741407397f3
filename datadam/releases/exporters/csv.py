"""CSV: one row per annotation with the item's text and one column per control (lists and regions as JSON).

Written in UTF-8 with a byte-order mark so Excel opens Korean text correctly. A cell starting with = + - @
gets a leading apostrophe, so a spreadsheet never runs a label as a formula.
"""

import csv
import io
from collections.abc import Iterator

from datadam.projects.models import Project
from datadam.releases.exporters import table

CONTENT_TYPE = "text/csv; charset=utf-8"
EXTENSION = "csv"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
ROWS_PER_PIECE = 500


def rows(project: Project, include: str = "accepted") -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    header = [*table.BASE_COLUMNS, *(column for column, _name, _kind in table.columns(project))]
    writer.writerow(header)
    yield "\ufeff" + buffer.getvalue()
    buffer.seek(0), buffer.truncate()
    for count, record in enumerate(table.records(project, include), start=1):
        writer.writerow([_cell(record[column]) for column in header])
        if count % ROWS_PER_PIECE == 0:
            yield buffer.getvalue()
            buffer.seek(0), buffer.truncate()
    if buffer.tell():
        yield buffer.getvalue()


def _cell(value: object) -> object:
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value
