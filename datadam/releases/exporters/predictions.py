"""Predictions JSONL: each item's data with its answer as `predictions`, ready to import into another project.

This is the round trip: the file imported again (JSONL import) gives items whose pre-labels equal the
exported answers. The item's metadata (`data["meta"]`) is written back as top-level fields, as it came in.
"""

import json
from collections.abc import Iterator

from datadam.projects.models import Project
from datadam.releases.exporters.source import latest_per_item

CONTENT_TYPE = "application/x-ndjson; charset=utf-8"
EXTENSION = "predictions.jsonl"


def rows(project: Project, include: str = "accepted") -> Iterator[str]:
    for entry in latest_per_item(project, include):
        data = dict(entry.data)
        meta = data.pop("meta", None)
        line = {**(meta if isinstance(meta, dict) else {}), **data, "predictions": entry.result}
        if "id" not in line and entry.external_id:
            line["id"] = entry.external_id
        yield json.dumps(line, ensure_ascii=False) + "\n"
