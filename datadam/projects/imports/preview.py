"""The first rows of an uploaded file, before anything is imported: the columns found, a few rows to look at,
and the problems in the rows read so far, one entry per distinct problem with its lines.

The page lets the person pick the text column, the id column and the columns kept as metadata, then starts the
import through the usual path (services.import_batch_start), which reads the whole file again.
"""

from dataclasses import dataclass, field
from itertools import islice

from django.core.files.storage import default_storage
from django.utils.translation import gettext as _

from datadam.core.errors import Invalid
from datadam.projects.imports.errors import RowError, problems_group
from datadam.projects.imports.makers import MAX_TEXT_CHARS
from datadam.projects.imports.parsers import rows_parse
from datadam.projects.imports.predictions import COLUMN as PREDICTIONS
from datadam.projects.imports.readers import text_open
from datadam.projects.models import ImportBatch

SHOWN_ROWS = 5
SCANNED_ROWS = 2_000
SHOWN_CHARS = 120


@dataclass
class Preview:
    columns: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)  # the first rows, cut short, in column order
    problems: list[dict] = field(default_factory=list)  # grouped: see errors.problems_group
    scanned: int = 0
    text_column: str = ""  # the one picked, else the best guess


def batch_preview(batch: ImportBatch, text_column: str = "") -> Preview:
    """Read the first SCANNED_ROWS rows of the stored upload; a file that cannot be read is one problem."""
    preview, errors, rows = Preview(), [], []
    try:
        with default_storage.open(batch.stored_path, "rb") as binary:
            lines, _encoding = text_open(binary, batch.encoding)
            for parsed in islice(
                rows_parse(lines, file_format=batch.file_format, file_name=batch.file_name), SCANNED_ROWS
            ):
                if isinstance(parsed, RowError):
                    errors.append(parsed.as_dict())
                else:
                    rows.append(parsed)
    except Invalid as exc:
        errors.append(RowError(batch.file_name, 1, exc.message).as_dict())
    preview.scanned = len(rows) + len(errors)
    preview.columns = _columns(row for _line, row in rows)
    preview.text_column = text_column if text_column in preview.columns else _text_guess(preview.columns, rows)
    preview.rows = [[_shown(row.get(column)) for column in preview.columns] for _line, row in rows[:SHOWN_ROWS]]
    errors.extend(_text_problems(batch.file_name, rows, preview.text_column))
    preview.problems = problems_group(sorted(errors, key=lambda error: error["line"]))
    return preview


def _columns(rows) -> list[str]:
    """Every key of the rows read, in the order first seen (a CSV's header; a JSON Lines file's keys)."""
    seen: dict[str, None] = {}
    for row in rows:
        seen.update(dict.fromkeys(row))
    return list(seen)


def _text_guess(columns: list[str], rows: list[tuple[int, dict]]) -> str:
    """ "text" when there is one, else the column holding the longest texts in the first rows."""
    if "text" in columns or not columns:
        return "text" if "text" in columns else ""
    candidates = [column for column in columns if column not in ("id", PREDICTIONS)] or columns

    def length(column: str) -> int:
        return sum(len(row.get(column)) for _line, row in rows[:50] if isinstance(row.get(column), str))

    return max(candidates, key=length)


def _text_problems(file_name: str, rows: list[tuple[int, dict]], column: str) -> list[dict]:
    if not column:
        return []
    problems = []
    for line, row in rows:
        text = row.get(column)
        if not isinstance(text, str) or not text.strip():
            problems.append(RowError(file_name, line, _("The text column %(column)s is empty.") % {"column": column}))
        elif len(text) > MAX_TEXT_CHARS:
            reason = _("The text is longer than %(limit)d characters.") % {"limit": MAX_TEXT_CHARS}
            problems.append(RowError(file_name, line, reason))
    return [problem.as_dict() for problem in problems]


def _shown(value: object) -> str:
    text = value if isinstance(value, str) else "" if value is None else str(value)
    return text if len(text) <= SHOWN_CHARS else text[: SHOWN_CHARS - 1] + "…"
