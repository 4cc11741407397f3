"""Spreadsheet-safe CSV: the data-set CSV's rows made for Excel, LibreOffice or Sheets.

It opens with a UTF-8 byte-order mark, so Excel reads Korean text correctly, and every text cell that a
spreadsheet would run as a formula (starting with = + - @, a tab or a carriage return) gets a leading
apostrophe, through the one formula-safe writer in datadam.core.spreadsheet. The values are no longer
exact, so data tools take the raw `csv` instead.
"""

from collections.abc import Iterator

from django.utils.translation import gettext_lazy as _

from datadam.core import spreadsheet
from datadam.projects.models import Project
from datadam.releases.exporters import csv as csv_format

TITLE = _("Spreadsheet-safe CSV: for Excel (formulas kept as text, Korean shown correctly)")
CONTENT_TYPE = "text/csv; charset=utf-8"
EXTENSION = "csv"
IN_PACKAGE = False  # a release holds the data set as labeled; this copy is for people opening it in Excel


def supports(project: Project) -> str | None:
    return None


def rows(project: Project, include: str = "accepted") -> Iterator[str]:
    return csv_format.written(project, include, cell=spreadsheet.safe_cell, start=spreadsheet.BOM)
