"""The shapes the isolation tests and each app's contribution to them share."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class AccountWide:
    """An operation about the caller's own account: what an outsider gets, and which of A's ids it must not list."""

    outsider_status: int
    lists: str | None


@dataclass
class ObjectsOfA:
    ids: dict[str, int | str]  # a path parameter's name → the id of one of A's objects (or this month)
    ids_by_kind: dict[str, set[int]]
    secrets: list[str]  # text only people in A may ever see
    extra: dict = field(default_factory=dict)  # anything a contribution wants to hand to a later one
