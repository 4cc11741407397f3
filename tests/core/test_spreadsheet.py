"""The one CSV writer for spreadsheets: a byte-order mark, numbers as numbers, and no text run as a formula."""

import csv
import io
from decimal import Decimal

import pytest

from datadam.core.spreadsheet import csv_response


def read_back(rows: list[list]) -> list[list[str]]:
    body = csv_response(rows, file_name="figures.csv").content.decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body.removeprefix("\ufeff"))))


@pytest.mark.parametrize("text", ["=1+1", "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "-"])
def test_text_a_spreadsheet_would_run_as_a_formula_gets_a_leading_apostrophe(text: str) -> None:
    assert read_back([[text]]) == [["'" + text]]


def test_numbers_and_plain_text_are_written_as_they_are() -> None:
    rows = [[-20, Decimal("-1.50"), 0.25, "-3.5", "+7", "1e-3", "A 감성 분류", "a=b", None]]

    assert read_back(rows) == [["-20", "-1.50", "0.25", "-3.5", "+7", "1e-3", "A 감성 분류", "a=b", ""]]


def test_the_download_is_named_for_excel() -> None:
    response = csv_response([["a"]], file_name="datadam-statement-2026-06.csv")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="datadam-statement-2026-06.csv"'
