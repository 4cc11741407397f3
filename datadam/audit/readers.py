"""Who may read an organization's audit events: asked of accounts, which knows its staff.

Audit is a mechanism every app tells what happened, accounts included, so audit cannot import accounts.
Accounts registers its answer in AccountsConfig.ready. With nothing registered nobody reads anything.
"""

from collections.abc import Callable

from django.db.models import Q

_readable: list[Callable[..., Q]] = []


def readable_organizations_register(source: Callable[..., Q]) -> None:
    """Register `source(actor) -> Q`: a filter on AuditEvent (through its `organization`) for the events of the
    organizations the actor may read. Accounts registers its access module's staff filter, so the scoping
    itself is written in one place (accounts/access.py)."""
    if source not in _readable:
        _readable.append(source)


def readable_organizations_filter(actor) -> Q:
    """A filter on AuditEvent: events of the organizations some registered source lets the actor read."""
    readable = Q(pk__in=[])
    for source in _readable:
        readable |= source(actor)
    return readable
