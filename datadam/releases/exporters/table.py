"""The row shape CSV and Parquet share: one row per annotation, one column per control, typed as the
control's kind says (`traits().column`)."""

import json
from collections.abc import Iterator

from datadam.projects.models import Project
from datadam.projects.schema.controls import traits_of
from datadam.releases.exporters.source import annotation_rows, controls

BASE_COLUMNS = ("item_id", "external_id", "text", "annotation_id", "author", "version", "status", "created_at")


def columns(project: Project) -> list[tuple[str, str, str]]:
    """(column, control name, column kind) per control: the kind's `traits().column`, "text", "integer" or
    "json". A control named like a base column gets a prefix."""
    return [
        (c.name if c.name not in BASE_COLUMNS else f"label_{c.name}", c.name, traits_of(c).column)
        for c in controls(project)
    ]


def records(project: Project, include: str) -> Iterator[dict]:
    """One dict per annotation: base columns, then each control's value (complex values as JSON text)."""
    names = columns(project)
    for row in annotation_rows(project, include):
        item_id, external_id, data, annotation_id, author, version, status, result, created_at = row
        text = (data or {}).get("text")
        record = {
            "item_id": item_id,
            "external_id": external_id,
            "text": text if isinstance(text, str) else None,
            "annotation_id": annotation_id,
            "author": author,
            "version": version,
            "status": status,
            "created_at": created_at,
        }
        for column, name, kind in names:
            value = (result or {}).get(name)
            if kind == "json" and value is not None:
                value = json.dumps(value, ensure_ascii=False)
            elif kind == "integer" and (isinstance(value, bool) or not isinstance(value, int)):
                value = None
            elif kind == "text" and value is not None and not isinstance(value, str):
                value = json.dumps(value, ensure_ascii=False)
            record[column] = value
        yield record
