"""Advice on a project's piece rate, asked of the app that measures pay.

Pay sits above projects (it pays for projects' work), so projects cannot import it. Pay registers its
advice in PayConfig.ready; the project edit form shows the first advice given.
"""

from collections.abc import Callable

from datadam.projects.models import Project

RateAdviser = Callable[..., int | None]

_advisers: list[RateAdviser] = []


def rate_adviser_register(adviser: RateAdviser) -> None:
    """Register `adviser(project=...) -> a rate per item, or None`; the same one twice counts once."""
    if adviser not in _advisers:
        _advisers.append(adviser)


def rate_advice(*, project: Project) -> int | None:
    for adviser in _advisers:
        if (rate := adviser(project=project)) is not None:
            return rate
    return None
