"""The dashboard's figures as CSV for Excel, through the one formula-safe writer: every figure, one per row."""

from django.http import HttpResponse
from django.utils.translation import gettext as _

from datadam.core.spreadsheet import csv_response


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
    name = f"programme-{figures['programme'].id}-{period.start}-{period.end}.csv"
    rows = [[_("section"), _("scope"), _("figure"), _("value"), _("rate"), _("rate of applied")]]
    for target in figures["targets"]:
        rows.append(["target", target["year"], target["metric"], target["target"], "", ""])
        rows.append(["actual", target["year"], target["metric"], target["actual"], _rate(target["share"]), ""])
    rows += [["work", "all", key, value, "", ""] for key, value in figures["work"].items()]
    rows += _funnel_rows("all", figures["overall"])
    for entry in figures["cohorts"]:
        rows += _funnel_rows(f"cohort {entry['cohort'].id}: {entry['cohort']}", entry)
    return csv_response(rows, file_name=name)
