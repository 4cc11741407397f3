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
    # returns what its pick needs (the quality policy)
    gate: Callable[..., object]
    # pick(project=, worker=, gated=): inside the transaction; an item to serve before the open ones, or None
    pick: Callable[..., Item | None]
    # An SQL condition on %(project)s and %(worker)s, true where the gate would let the worker through and
    # the pick would serve nothing (for quality: the project has no policy). Where it holds, PostgreSQL's
    # common lease asks neither, in the lease's own statement. Empty: the hook is always asked.
    quiet_sql: str = ""


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


def lease_hooks_quiet_sql() -> tuple[str, ...] | None:
    """Every hook's quiet condition, or None when some hook has none (then every lease asks the hooks)."""
    if any(not hook.quiet_sql for hook in _hooks):
        return None
    return tuple(hook.quiet_sql for hook in _hooks)
