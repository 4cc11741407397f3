"""The run of a text import: stream the stored file into hidden items, then publish them all or none.

`import_batch_run` deliberately does not run in one transaction: it writes hidden items in short
transactions of CHUNK rows, so labelers are never blocked behind a long import, and then publishes
the whole batch in one short UPDATE. A file with any bad row publishes nothing. The batch's life
(running, progress, fail, publish) is imports.lifecycle, which media imports share.

imports.tasks runs it for a large file; imports.services runs a small one inline and schedules the task
for a large one. This module imports no task, so the task and that service never import each other.
"""

import json

from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from datadam.core.errors import Invalid
from datadam.operations.pause import pause_point
from datadam.projects.imports import lifecycle
from datadam.projects.imports.errors import RowError
from datadam.projects.imports.makers import RowRejected, item_fields_make
from datadam.projects.imports.parsers import rows_parse
from datadam.projects.imports.predictions import prediction_from_row, prediction_split
from datadam.projects.imports.readers import text_open
from datadam.projects.models import ImportBatch, Item
from datadam.projects.schema.validate import schema_parse

CHUNK = 5_000
MAX_REPORTED_ERRORS = 100
AUDIT_AS = "import_batch"


def import_batch_run(
    *, batch_id: int, text_column: str = "text", id_column: str = "id", keep: list[str] | None = None
) -> ImportBatch:
    """Stream the stored file into hidden items, then publish them all or delete them all.

    `text_column` is what workers read, `id_column` the item's id, `keep` the other columns kept (None: all)."""
    batch = lifecycle.batch_begin(batch_id)
    if lifecycle.batch_is_finished(batch):
        return batch
    errors: list[RowError] = []
    try:
        with default_storage.open(batch.stored_path, "rb") as binary:
            text_lines, batch.encoding = text_open(binary, batch.encoding)
            rows = rows_parse(text_lines, file_format=batch.file_format, file_name=batch.file_name)
            columns = {"text_column": text_column, "id_column": id_column, "keep": keep}
            _write_hidden_items(batch, rows, errors, columns, position=binary.tell)
    except Invalid as exc:
        errors.append(RowError(batch.file_name, 1, exc.message))
    pause_point("import-publish")  # tests kill the worker here: every row written, nothing published
    if errors:
        return lifecycle.batch_fail(batch, errors, audit_as=AUDIT_AS)
    return lifecycle.batch_publish(batch, audit_as=AUDIT_AS)


def _write_hidden_items(batch: ImportBatch, rows, errors: list[RowError], columns: dict, position) -> None:
    """After the first bad row nothing more is written, but parsing goes on to report every problem.

    A text column the file does not have is one problem, naming the columns it has, not one per row."""
    pending: list[tuple] = []
    make_row = _hidden_row_maker(batch)
    schema = schema_parse(batch.project.schema)
    for parsed in rows:
        batch.rows_read += 1
        if isinstance(parsed, RowError):
            errors.append(parsed)
        else:
            line, row = parsed
            if columns["text_column"] not in row and batch.file_format != "jsonl":
                errors.append(RowError(batch.file_name, line, _missing_column(columns["text_column"], row)))
                break
            try:
                row, predicted = prediction_split(row)
                fields = item_fields_make(row, **columns)
                fields["prediction"] = prediction_from_row(schema, predicted, fields["data"], batch.project_id)
            except RowRejected as exc:
                errors.append(RowError(batch.file_name, line, str(exc)))
                continue
            if not errors:
                pending.append(make_row(fields))
        if len(errors) >= MAX_REPORTED_ERRORS:
            break
        if len(pending) >= CHUNK:
            _flush(batch, pending, position())
    if not errors:
        _flush(batch, pending, batch.size_bytes)
    if batch.items_created == 0 and not errors:
        errors.append(RowError(batch.file_name, 1, _("The file holds no rows.")))


def _missing_column(column: str, row: dict) -> str:
    return _("There is no column %(column)s. The columns found are: %(found)s.") % {
        "column": column,
        "found": ", ".join(row) or "-",
    }


# Rows are written straight to the table (COPY on PostgreSQL, one executemany INSERT on SQLite): building
# an Item per row and letting bulk_create prepare every field took three quarters of an import's time.
ITEM_COLUMNS = (
    "project_id",
    "batch_id",
    "external_id",
    "data",
    "target_overlap",
    "open_slots",
    "priority",
    "is_published",
    "created_at",
    "prediction",
)


def _hidden_row_maker(batch: ImportBatch):
    """A function turning made fields into a hidden projects_item row (no open slots until published)."""
    created = timezone.now()
    if connection.vendor != "postgresql":
        created = connection.ops.adapt_datetimefield_value(created)
    project_id, batch_id, overlap = batch.project_id, batch.id, batch.project.default_overlap

    def make(fields: dict) -> tuple:
        data = json.dumps(fields["data"], ensure_ascii=False)
        prediction = fields.get("prediction")
        prediction = None if prediction is None else json.dumps(prediction, ensure_ascii=False)
        return (project_id, batch_id, fields["external_id"], data, overlap, 0, 0, False, created, prediction)

    return make


def _insert_rows(rows: list[tuple]) -> None:
    table, columns = Item._meta.db_table, ", ".join(ITEM_COLUMNS)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(ITEM_COLUMNS))
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)


def _flush(batch: ImportBatch, pending: list[tuple], bytes_read: int) -> None:
    """Write one chunk in its own short transaction and record progress for the progress bar."""
    with transaction.atomic():
        _insert_rows(pending)
        batch.items_created += len(pending)
        batch.bytes_read = bytes_read
        lifecycle.batch_progress_save(batch)
    pending.clear()
