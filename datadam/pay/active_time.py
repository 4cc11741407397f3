"""Where the facts about work come from, for the hourly wage: active time, pace per piece, pay pending.

The pages that measure work (labeling, review) belong to apps above pay, so pay cannot read their
rows; each of those apps registers sources in its AppConfig.ready that read its own rows.
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


_pace_sources: list[Callable[..., list[int]]] = []
_pending_sources: list[Callable[..., list[dict]]] = []


def pace_source_register(source: Callable[..., list[int]]) -> None:
    """Register `source(project=) -> active seconds of pieces of work` (a sample, for the rate suggestion)."""
    if source not in _pace_sources:
        _pace_sources.append(source)


def pending_source_register(source: Callable[..., list[dict]]) -> None:
    """Register `source(actor=) -> rows of project_id, project__name, pieces, value` of work not yet paid."""
    if source not in _pending_sources:
        _pending_sources.append(source)


def piece_seconds_of(*, project) -> list[int]:
    return [seconds for source in _pace_sources for seconds in source(project=project)]


def pending_pay_of(*, actor) -> list[dict]:
    return [row for source in _pending_sources for row in source(actor=actor)]
