"""Predictions JSONL: each item's data with its answer as `predictions`, ready to import into another project.

This is the round trip: the file imported again (JSONL import) gives items whose pre-labels equal the
exported answers. The item's metadata (`data["meta"]`) is written back as top-level fields, as it came in.
"""

import json
from collections.abc import Iterator

from django.utils.translation import gettext_lazy as _

from datadam.projects.models import Project
from datadam.releases.exporters.source import latest_per_item

TITLE = _("Pre-labels JSONL: import into another project as a start")
CONTENT_TYPE = "application/x-ndjson; charset=utf-8"
EXTENSION = "jsonl"


def supports(project: Project) -> str | None:
    return None


def rows(project: Project, include: str = "accepted") -> Iterator[str]:
    for entry in latest_per_item(project, include):
        data = dict(entry.data)
        meta = data.pop("meta", None)
        line = {**(meta if isinstance(meta, dict) else {}), **data, "predictions": entry.result}
        if "id" not in line and entry.external_id:
            line["id"] = entry.external_id
        yield json.dumps(line, ensure_ascii=False) + "\n"
