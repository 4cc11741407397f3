"""CSV files of the figures, with a BOM so Excel reads Korean correctly."""

import csv
import io
from collections.abc import Iterable
from datetime import date

from django.http import HttpResponse
from django.utils.translation import gettext as _

from datadam.office.commitments import Figure
from datadam.office.models import DataProject


def figures_csv(file_name: str, rows: Iterable[tuple[DataProject, date, Iterable[Figure]]]) -> HttpResponse:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [_("Data project"), _("Day"), _("Figure"), _("Actual"), _("Target"), _("Unit"), _("Status"), _("How")]
    )
    for data_project, day, figures in rows:
        for figure in figures:
            writer.writerow(
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
            )
    response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    return response


def _blank(value: float | None) -> str:
    return "" if value is None else f"{value:g}"
