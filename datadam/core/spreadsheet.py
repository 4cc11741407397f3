"""The one writer of CSV files made for people to open in a spreadsheet program (Excel, LibreOffice, Sheets).

Two things every such file needs: a UTF-8 byte-order mark, so Excel reads Korean text as UTF-8, and no text
cell that a spreadsheet would run as a formula. A cell starting with = + - @, a tab or a carriage return is
a formula to a spreadsheet (a project named `=HYPERLINK(...)` would become a live link), so such text gets a
leading apostrophe, which spreadsheets show as text. Numbers stay numbers.

Data-set files (the exporters of releases) are not for this writer: they keep every value exactly as labelled.
"""

import csv
import io
import re
from collections.abc import Iterable
from decimal import Decimal

from django.http import HttpResponse
from django.utils.http import content_disposition_header

BOM = "\ufeff"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Text that is only a number (-20, +3.5, -1e-3) is read as that number, never as a formula.
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def safe_cell(value: object) -> object:
    """The value as the file should hold it: numbers as they are, text that would start a formula escaped."""
    if value is None:
        return ""
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return value
    text = str(value)
    if text.startswith(FORMULA_START) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def csv_text(rows: Iterable[Iterable[object]]) -> str:
    """The whole file as text, byte-order mark first."""
    buffer = io.StringIO()
    buffer.write(BOM)
    csv.writer(buffer).writerows([safe_cell(value) for value in row] for row in rows)
    return buffer.getvalue()


def csv_response(rows: Iterable[Iterable[object]], *, file_name: str) -> HttpResponse:
    """A download of the rows (the header row first) as `file_name`."""
    response = HttpResponse(csv_text(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, file_name)
    return response
