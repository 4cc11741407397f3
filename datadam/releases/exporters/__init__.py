"""One module per export format, each with `rows(project, include)` yielding the file's lines.

To add a format: write `exporters/<format>.py` with `rows`, `CONTENT_TYPE` and `EXTENSION`, then list it in FORMATS.
"""

from types import ModuleType

from datadam.releases.exporters import jsonl

FORMATS: dict[str, ModuleType] = {"jsonl": jsonl}
