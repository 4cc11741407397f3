"""CSV files of the figures for Excel, through the one formula-safe writer."""

from collections.abc import Iterable
from datetime import date

from django.http import HttpResponse
from django.utils.translation import gettext as _

from datadam.core.spreadsheet import csv_response
from datadam.office.commitments import Figure
from datadam.office.models import DataProject


def figures_csv(file_name: str, rows: Iterable[tuple[DataProject, date, Iterable[Figure]]]) -> HttpResponse:
    header = [_("Data project"), _("Day"), _("Figure"), _("Actual"), _("Target"), _("Unit"), _("Status"), _("How")]
    lines = [
        [
            data_project.title,
            day.isoformat(),
            figure.label,
            _blank(figure.actual),
            _blank(figure.target),
            figure.unit,
            figure.status,
            figure.how,
        ]
        for data_project, day, figures in rows
        for figure in figures
    ]
    return csv_response([header, *lines], file_name=file_name)


def _blank(value: float | None) -> str:
    return "" if value is None else f"{value:g}"
