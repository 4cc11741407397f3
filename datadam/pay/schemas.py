from datetime import datetime

from ninja import Schema


class LedgerEntryOut(Schema):
    id: int
    created_at: datetime
    project_id: int | None
    project_name: str | None
    kind: str
    amount: int
    currency: str
    reason: str

    @staticmethod
    def resolve_project_name(entry) -> str | None:
        return entry.project.name if entry.project else None


class StatementOut(Schema):
    period: str
    currency: str
    total: int
    active_seconds: int
    active_hours: float
    hourly: int | None
    entries: list[LedgerEntryOut]

    @staticmethod
    def resolve_period(statement: dict) -> str:
        return str(statement["period"])
