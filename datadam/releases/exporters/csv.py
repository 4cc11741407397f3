"""CSV: one row per annotation with the item's text and one column per control (lists and regions as JSON).

The data-set CSV is raw: UTF-8 without a byte-order mark, every cell exactly as labeled, for pandas and
other data tools. People who open the file in a spreadsheet take the spreadsheet-safe variant (`csv_safe`).
"""

import csv
import io
from collections.abc import Callable, Iterator

from django.utils.translation import gettext_lazy as _

from datadam.projects.models import Project
from datadam.releases.exporters import table

TITLE = _("CSV table: one row per answer, every cell exactly as labeled (pandas, data tools)")
CONTENT_TYPE = "text/csv; charset=utf-8"
EXTENSION = "csv"
ROWS_PER_PIECE = 500


def supports(project: Project) -> str | None:
    return None


def rows(project: Project, include: str = "accepted") -> Iterator[str]:
    return written(project, include, cell=lambda text: text, start="")


def written(project: Project, include: str, *, cell: Callable[[str], str], start: str) -> Iterator[str]:
    """The table as CSV text in pieces; `cell` may rewrite each text cell, `start` goes before the header."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    header = [*table.BASE_COLUMNS, *(column for column, _name, _kind in table.columns(project))]
    writer.writerow(header)
    yield start + buffer.getvalue()
    buffer.seek(0), buffer.truncate()
    for count, record in enumerate(table.records(project, include), start=1):
        writer.writerow([_cell(record[column], cell) for column in header])
        if count % ROWS_PER_PIECE == 0:
            yield buffer.getvalue()
            buffer.seek(0), buffer.truncate()
    if buffer.tell():
        yield buffer.getvalue()


def _cell(value: object, cell: Callable[[str], str]) -> object:
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return cell(value) if isinstance(value, str) else value
