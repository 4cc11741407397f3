"""The row shape CSV and Parquet share: one row per annotation, one column per control."""

import json
from collections.abc import Iterator

from datadam.projects.models import Project
from datadam.releases.exporters.source import annotation_rows, controls

BASE_COLUMNS = ("item_id", "external_id", "text", "annotation_id", "author", "version", "status", "created_at")
SCALAR_KINDS = {"text", "rating"}
KINDS = ("choices", "spans", "relations", "boxes", "polygons", "keypoints", "segments", "text", "rating")


def columns(project: Project) -> list[tuple[str, str, str]]:
    """(column, control name, value kind) per control. A control named like a base column gets a prefix."""
    found = controls(project, *KINDS)
    return [(c.name if c.name not in BASE_COLUMNS else f"label_{c.name}", c.name, _kind(c)) for c in found]


def _kind(control) -> str:
    if control.type == "choices" and not control.multiple:
        return "text"
    return control.type if control.type in SCALAR_KINDS else "json"


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
            elif kind == "rating" and not isinstance(value, int):
                value = None
            elif kind == "text" and value is not None and not isinstance(value, str):
                value = json.dumps(value, ensure_ascii=False)
            record[column] = value
        yield record
