"""Parquet: the CSV's rows with types (item and annotation ids as integers, time as a timestamp), written a
row group at a time so memory stays flat. Lists and regions are JSON text columns. Loads with pandas,
pyarrow or `datasets.load_dataset("parquet", data_files=...)`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from datadam.projects.models import Project
from datadam.releases.exporters import table
from datadam.releases.sink import Sink

if TYPE_CHECKING:
    import pyarrow as pa

TITLE = _("Parquet table: one row per answer (pandas, Hugging Face datasets)")
CONTENT_TYPE = "application/vnd.apache.parquet"
EXTENSION = "parquet"
ROW_GROUP = 10_000
BASE_TYPES = {
    "item_id": "int64",
    "external_id": "string",
    "text": "string",
    "annotation_id": "int64",
    "author": "string",
    "version": "int32",
    "status": "string",
    "created_at": "timestamp",
}


def supports(project: Project) -> str | None:
    return None


def arrow_schema(project: Project) -> pa.Schema:
    import pyarrow as pa  # loaded on use: the web process lists this format without loading Arrow

    types = {"int64": pa.int64(), "int32": pa.int32(), "string": pa.string(), "timestamp": pa.timestamp("us", tz="UTC")}
    fields = [pa.field(name, types[kind]) for name, kind in BASE_TYPES.items()]
    for column, _name, kind in table.columns(project):
        fields.append(pa.field(column, types["int32" if kind == "integer" else "string"]))
    return pa.schema(fields)


def rows(project: Project, include: str = "accepted") -> Iterator[bytes]:
    import pyarrow as pa  # loaded on use, like arrow_schema
    import pyarrow.parquet as pq

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
