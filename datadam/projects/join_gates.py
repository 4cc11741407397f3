"""What else a person must satisfy to join an open project, asked of the apps that know.

The academy sits above projects (its qualifications are about projects), so projects cannot import it.
Instead, an app that guards joining registers a gate in its AppConfig.ready; project_join asks every
gate before the membership is written and lets each record what it needs after.
"""

from dataclasses import dataclass
from typing import Protocol

from datadam.accounts.models import User
from datadam.core.errors import Invalid
from datadam.projects.models import Project


class AgreementRequired(Invalid):
    """The project has a participation agreement the person has not accepted yet."""


class JoinCheck(Protocol):
    def __call__(self, *, actor: User, project: Project, agreement_accepted: bool) -> None: ...


class JoinRecord(Protocol):
    def __call__(self, *, actor: User, project: Project) -> None: ...


@dataclass(frozen=True)
class JoinGate:
    check: JoinCheck  # raises a DomainError (403, or AgreementRequired) to refuse the join
    record: JoinRecord  # runs once, in the join's transaction, when the membership is new


_gates: list[JoinGate] = []


def join_gate_register(gate: JoinGate) -> None:
    """Register a gate; registering an equal one twice keeps one."""
    if gate not in _gates:
        _gates.append(gate)


def join_gates_check(*, actor: User, project: Project, agreement_accepted: bool) -> None:
    for gate in _gates:
        gate.check(actor=actor, project=project, agreement_accepted=agreement_accepted)


def join_gates_record(*, actor: User, project: Project) -> None:
    for gate in _gates:
        gate.record(actor=actor, project=project)
