"""Rows from JSONL, CSV and TSV, each with the line it started on. Bad rows are yielded as RowError."""

import csv
import json
from collections.abc import Iterator

from django.utils.translation import gettext as _

from datadam.core.errors import JsonOutOfBounds
from datadam.core.text import json_problem, load_bounded_json
from datadam.projects.imports.errors import RowError

Parsed = tuple[int, dict] | RowError
FORMATS = {"jsonl", "csv", "tsv"}
csv.field_size_limit(10 * 1024 * 1024)


def rows_parse(text_lines: Iterator[str], *, file_format: str, file_name: str) -> Iterator[Parsed]:
    lines = _lines_with_decode_errors(text_lines, file_name)
    if file_format == "jsonl":
        yield from _jsonl(lines, file_name)
    else:
        yield from _delimited(lines, file_name, "\t" if file_format == "tsv" else ",")


def _lines_with_decode_errors(text_lines: Iterator[str], file_name: str) -> Iterator[tuple[int, str] | RowError]:
    line_no = 0
    while True:
        try:
            line = next(text_lines)
        except StopIteration:
            return
        except UnicodeDecodeError:
            yield RowError(file_name, line_no + 1, _("The text is not in the file's encoding."))
            return
        line_no += 1
        yield line_no, line


def _jsonl(lines: Iterator, file_name: str) -> Iterator[Parsed]:
    for entry in lines:
        if isinstance(entry, RowError):
            yield entry
            return
        line_no, line = entry
        if not line.strip():
            continue
        try:
            row = load_bounded_json(line, parse_constant=_refuse_constant)
        except JsonOutOfBounds as exc:
            yield RowError(file_name, line_no, exc.message)
            continue
        except json.JSONDecodeError as exc:
            yield RowError(file_name, line_no, _("Not valid JSON (%(problem)s).") % {"problem": json_problem(exc)})
            continue
        except ValueError as exc:  # NaN or Infinity, which no database's JSON can hold
            yield RowError(file_name, line_no, str(exc))
            continue
        if not isinstance(row, dict):
            yield RowError(file_name, line_no, _("Each line must be a JSON object."))
            continue
        yield line_no, row


def _refuse_constant(name: str) -> None:
    raise ValueError(_("%(name)s is not a number JSON can store.") % {"name": name})


def _delimited(lines: Iterator, file_name: str, delimiter: str) -> Iterator[Parsed]:
    """csv reads across line breaks inside quotes, so line numbers come from the line feeder."""
    position = {"line": 0, "error": None}

    def feed() -> Iterator[str]:
        for entry in lines:
            if isinstance(entry, RowError):
                position["error"] = entry
                return
            position["line"], line = entry
            yield line

    reader = csv.reader(feed(), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        header = []
    except csv.Error as exc:
        yield RowError(file_name, 1, str(exc))
        return
    header = [name.strip() for name in header]
    if not header or not any(header):
        yield position["error"] or RowError(file_name, 1, _("The first line must name the columns."))
        return
    yield from _delimited_rows(reader, header, position, file_name)
    if position["error"]:
        yield position["error"]


def _delimited_rows(reader, header: list[str], position: dict, file_name: str) -> Iterator[Parsed]:
    while True:
        start = position["line"] + 1
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield RowError(file_name, start, str(exc))
            return
        if not values or values == [""]:
            continue
        if len(values) != len(header):
            reason = _("Expected %(expected)d columns, found %(found)d.") % {
                "expected": len(header),
                "found": len(values),
            }
            yield RowError(file_name, start, reason)
            continue
        yield start, dict(zip(header, values, strict=True))
