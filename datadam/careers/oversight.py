"""Organizations a person oversees from above careers (a programme's operators oversee its organizations).

Programmes sit above careers and read its outcomes, so careers cannot import them. An app that grants such
oversight registers a function in its AppConfig.ready; careers asks them all when it scopes outcomes.
"""

from collections.abc import Callable

from django.db.models import Q, QuerySet

from datadam.projects import access

OverseenOrganizations = Callable[..., QuerySet]

_sources: list[OverseenOrganizations] = []


def overseen_organizations_register(source: OverseenOrganizations) -> None:
    """Register `source(actor) -> a values() queryset of organization ids`; the same one twice counts once."""
    if source not in _sources:
        _sources.append(source)


def overseen_organizations_filter(actor) -> Q:
    """A filter on Organization: those the registered sources say the actor oversees (none when none are)."""
    overseen = Q(pk__in=[])
    for source in _sources:
        overseen |= access.organization_filter(source(actor), field="pk")
    return overseen
