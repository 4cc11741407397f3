"""Parquet: the CSV's rows with types (item and annotation ids as integers, time as a timestamp), written a
row group at a time so memory stays flat. Lists and regions are JSON text columns. Loads with pandas,
pyarrow or `datasets.load_dataset("parquet", data_files=...)`.
"""

from collections.abc import Iterator

import pyarrow as pa
import pyarrow.parquet as pq
from django.utils.translation import gettext_lazy as _

from datadam.projects.models import Project
from datadam.releases.exporters import table
from datadam.releases.sink import Sink

TITLE = _("Parquet table: one row per answer (pandas, Hugging Face datasets)")
CONTENT_TYPE = "application/vnd.apache.parquet"
EXTENSION = "parquet"
ROW_GROUP = 10_000
BASE_TYPES = {
    "item_id": pa.int64(),
    "external_id": pa.string(),
    "text": pa.string(),
    "annotation_id": pa.int64(),
    "author": pa.string(),
    "version": pa.int32(),
    "status": pa.string(),
    "created_at": pa.timestamp("us", tz="UTC"),
}


def supports(project: Project) -> str | None:
    return None


def arrow_schema(project: Project) -> pa.Schema:
    fields = [pa.field(name, kind) for name, kind in BASE_TYPES.items()]
    for column, _name, kind in table.columns(project):
        fields.append(pa.field(column, pa.int32() if kind == "integer" else pa.string()))
    return pa.schema(fields)


def rows(project: Project, include: str = "accepted") -> Iterator[bytes]:
    schema, sink = arrow_schema(project), Sink()
    writer = pq.ParquetWriter(sink, schema, compression="zstd")
    batch: list[dict] = []
    for record in table.records(project, include):
        batch.append(record)
        if len(batch) >= ROW_GROUP:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            batch.clear()
            yield sink.take()
    if batch or not sink.position:
        writer.write_table(pa.Table.from_pylist(batch, schema=schema))
    writer.close()
    yield sink.take()
