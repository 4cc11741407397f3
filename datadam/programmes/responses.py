"""The dashboard's figures as CSV: every figure on the page, one per row."""

import csv

from django.http import HttpResponse
from django.utils.translation import gettext as _


def _rate(value: float | None) -> str:
    return "" if value is None else f"{value:.4f}"


def _funnel_rows(scope: str, funnel: dict) -> list[list]:
    rows = [
        ["funnel", scope, stage["key"], stage["count"], _rate(stage["of_previous"]), _rate(stage["of_applied"])]
        for stage in funnel["stages"]
    ]
    rows += [
        ["employed_by_outcome", scope, row["kind"], row["count"], _rate(row["of_enrolled"]), ""]
        for row in funnel["employed_by_kind"]
    ]
    return rows


def dashboard_csv(figures: dict) -> HttpResponse:
    period = figures["period"]
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = f"programme-{figures['programme'].id}-{period.start}-{period.end}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response.write("\ufeff")  # so spreadsheet programs read the Korean text as UTF-8
    writer = csv.writer(response)
    writer.writerow([_("section"), _("scope"), _("figure"), _("value"), _("rate"), _("rate of applied")])
    for target in figures["targets"]:
        writer.writerow(["target", target["year"], target["metric"], target["target"], "", ""])
        writer.writerow(["actual", target["year"], target["metric"], target["actual"], _rate(target["share"]), ""])
    for key, value in figures["work"].items():
        writer.writerow(["work", "all", key, value, "", ""])
    for row in _funnel_rows("all", figures["overall"]):
        writer.writerow(row)
    for entry in figures["cohorts"]:
        for row in _funnel_rows(f"cohort {entry['cohort'].id}: {entry['cohort']}", entry):
            writer.writerow(row)
    return response
