"""Statements and payroll as CSV files: UTF-8 with a byte-order mark, so Excel opens the Korean text."""

import csv
import io
from collections.abc import Iterable

from django.http import HttpResponse
from django.utils import timezone

BOM = "\ufeff"
# A cell starting with one of these is run as a formula by spreadsheet programs.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# In brackets, which no user name can hold, so the total row is never taken for a worker's.
TOTAL = "(total)"


def _text(value: str | None) -> str:
    value = value or ""
    return "'" + value if value.startswith(FORMULA_START) else value


def _csv(rows: Iterable[list], file_name: str) -> HttpResponse:
    buffer = io.StringIO()
    buffer.write(BOM)
    csv.writer(buffer).writerows(rows)
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    return response


def statement_csv(statement: dict) -> HttpResponse:
    """One row per ledger entry (date, project, kind, amount, currency, reason), then the total."""
    rows: list[list] = [["date", "project", "kind", "amount", "currency", "reason"]]
    for entry in statement["entries"]:
        project = entry.project.name if entry.project else ""
        day = timezone.localdate(entry.created_at).isoformat()
        rows.append([day, _text(project), entry.kind, entry.amount, entry.currency, _text(entry.reason)])
    rows.append([TOTAL, "", "", statement["total"], statement["currency"], ""])
    return _csv(rows, f"datadam-statement-{statement['period']}.csv")


def payroll_csv(payroll: dict) -> HttpResponse:
    """One row per worker (user name, name, entries, total, currency), then the organization's total."""
    currency = payroll["organization"].currency
    rows: list[list] = [["username", "name", "entries", "total", "currency"]]
    for row in payroll["rows"]:
        name = _text(row["worker__display_name"])
        rows.append([_text(row["worker__username"]), name, row["entries"], row["total"], currency])
    rows.append([TOTAL, "", "", payroll["total"], currency])
    file_name = f"datadam-payroll-{payroll['organization'].id}-{payroll['period']}.csv"
    return _csv(rows, file_name)
