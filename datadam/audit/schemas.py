from datetime import date, datetime

from ninja import Schema
from pydantic import Field

from datadam.core.types import CleanStr


class AuditFilter(Schema):
    action: CleanStr = Field(default="", max_length=60)
    username: CleanStr = Field(default="", max_length=150)
    project_id: int | None = Field(default=None, ge=1, le=2**63 - 1)
    since: date | None = None
    until: date | None = None


class AuditEventOut(Schema):
    id: int
    created_at: datetime
    actor: str | None = Field(default=None, alias="actor.username")
    action: str
    object_type: str
    object_id: int | None
    organization_id: int | None
    project_id: int | None
    detail: dict
