"""JSON Lines: one line per item, with its raw data and its annotations.

`include="accepted"` gives each item's accepted versions (a reviewer's correction included);
`include="all"` gives every version with its state, for audits and quality work.
Rows are read with a server-side cursor in chunks, so memory does not grow with the project.
"""

import itertools
import json
from collections.abc import Iterator

from django.utils.translation import gettext_lazy as _

from datadam.projects.models import Project
from datadam.releases.exporters.source import annotation_rows

TITLE = _("JSON Lines: each item with all its labels")
CONTENT_TYPE = "application/x-ndjson; charset=utf-8"
EXTENSION = "jsonl"


def supports(project: Project) -> str | None:
    return None  # every project's labels fit


def rows(project: Project, include: str = "accepted") -> Iterator[str]:
    for item_id, group in itertools.groupby(annotation_rows(project, include), key=lambda row: row[0]):
        group = list(group)
        _item, external_id, data = group[0][:3]
        line = {
            "item": {"id": item_id, "external_id": external_id, "data": data},
            "annotations": [_annotation(row) for row in group],
        }
        yield json.dumps(line, ensure_ascii=False) + "\n"


def _annotation(row: tuple) -> dict:
    _item, _external, _data, annotation_id, author, version, status, result, created_at = row
    return {
        "id": annotation_id,
        "author": author,
        "version": version,
        "status": status,
        "result": result,
        "created_at": created_at.isoformat() if created_at else None,
    }
