"""Where a person's active time comes from, for the hourly wage.

The pages that measure time (labeling, review) belong to apps above pay, so pay cannot read their
rows; each of those apps registers a source in its AppConfig.ready that sums its own active seconds.
"""

from collections.abc import Callable
from datetime import datetime

ActiveTimeSource = Callable[..., int]

_sources: list[ActiveTimeSource] = []


def active_time_source_register(source: ActiveTimeSource) -> None:
    """Register `source(worker_id=, start=, end=, project_id=) -> seconds`; the same one twice counts once."""
    if source not in _sources:
        _sources.append(source)


def active_seconds_of(*, worker_id: int, start: datetime, end: datetime, project_id: int | None = None) -> int:
    """A person's active seconds in [start, end), in one project or all, from every registered source."""
    return sum(source(worker_id=worker_id, start=start, end=end, project_id=project_id) for source in _sources)
