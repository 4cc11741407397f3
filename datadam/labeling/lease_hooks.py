"""What the apps above labeling decide about a lease: who may have one now, and which item to serve first.

Quality (paused workers, gold items) sits above labeling and reads its assignments, so labeling cannot
import it. An app registers a LeaseHook in its AppConfig.ready; assignment_lease_next asks every gate
before its transaction and every pick inside it.
"""

from collections.abc import Callable
from dataclasses import dataclass

from datadam.accounts.models import User
from datadam.projects.models import Item, Project


@dataclass(frozen=True)
class LeaseHook:
    # gate(project=, worker=): before the lease's transaction; raises a DomainError to refuse the worker,
    # returns what its pick needs (the quality policy), or None when its pick would serve nothing
    gate: Callable[..., object]
    # pick(project=, worker=, gated=): inside the transaction; an item to serve before the open ones, or None
    pick: Callable[..., Item | None]


_hooks: list[LeaseHook] = []


def lease_hook_register(hook: LeaseHook) -> None:
    """Register a hook; registering an equal one twice keeps one."""
    if hook not in _hooks:
        _hooks.append(hook)


def lease_hooks_gate(*, project: Project, worker: User) -> list[tuple[LeaseHook, object]]:
    return [(hook, hook.gate(project=project, worker=worker)) for hook in _hooks]


def lease_hooks_pick(*, project: Project, worker: User, gated: list[tuple[LeaseHook, object]]) -> Item | None:
    for hook, state in gated:
        if (item := hook.pick(project=project, worker=worker, gated=state)) is not None:
            return item
    return None


def lease_hooks_may_pick(gated: list[tuple[LeaseHook, object]]) -> bool:
    """Whether some pick may serve an item: else the lease takes the first open item at once."""
    return any(state is not None for _hook, state in gated)
