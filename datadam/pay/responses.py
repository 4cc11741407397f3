"""Statements and payroll as CSV files for Excel, through the one formula-safe writer."""

from django.http import HttpResponse
from django.utils import timezone

from datadam.core.spreadsheet import csv_response

# In brackets, which no user name can hold, so the total row is never taken for a worker's.
TOTAL = "(total)"


def statement_csv(statement: dict) -> HttpResponse:
    """One row per ledger entry (date, project, kind, amount, currency, reason), then the total."""
    rows: list[list] = [["date", "project", "kind", "amount", "currency", "reason"]]
    for entry in statement["entries"]:
        project = entry.project.name if entry.project else ""
        day = timezone.localdate(entry.created_at).isoformat()
        rows.append([day, project, entry.kind, entry.amount, entry.currency, entry.reason])
    rows.append([TOTAL, "", "", statement["total"], statement["currency"], ""])
    return csv_response(rows, file_name=f"datadam-statement-{statement['period']}.csv")


def payroll_csv(payroll: dict) -> HttpResponse:
    """One row per worker (user name, name, entries, total, currency), then the organization's total."""
    currency = payroll["organization"].currency
    rows: list[list] = [["username", "name", "entries", "total", "currency"]]
    for row in payroll["rows"]:
        rows.append([row["worker__username"], row["worker__display_name"], row["entries"], row["total"], currency])
    rows.append([TOTAL, "", "", payroll["total"], currency])
    file_name = f"datadam-payroll-{payroll['organization'].id}-{payroll['period']}.csv"
    return csv_response(rows, file_name=file_name)
