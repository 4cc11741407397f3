from datetime import datetime

from ninja import Schema
from pydantic import Field

from datadam.core.types import CleanStr, Id, ShortStr


class ProjectCreateIn(Schema):
    organization_id: Id
    name: ShortStr
    schema_: dict = Field(alias="schema", description="Label schema: {'controls': [...]}")
    data_type: str = "text"
    description: CleanStr = ""
    guideline: CleanStr = Field(default="", description="Markdown")
    default_overlap: int = Field(default=1, ge=1, le=10)
    lease_seconds: int = Field(default=1800, ge=60, le=86400)
    join_policy: str = "open"


class ProjectUpdateIn(Schema):
    name: ShortStr | None = None
    schema_: dict | None = Field(default=None, alias="schema")
    description: CleanStr | None = None
    guideline: CleanStr | None = None
    default_overlap: int | None = Field(default=None, ge=1, le=10)
    lease_seconds: int | None = Field(default=None, ge=60, le=86400)
    join_policy: str | None = None


class ProjectOut(Schema):
    id: int
    organization_id: int
    name: str
    description: str
    data_type: str
    schema_: dict = Field(alias="schema")
    guideline: str
    default_overlap: int
    lease_seconds: int
    join_policy: str
    created_at: datetime


class MembershipOut(Schema):
    user_id: int
    username: str = Field(alias="user.username")
    role: str
    joined_at: datetime


class MemberAddIn(Schema):
    username: ShortStr
    role: str = Field(pattern=r"^(labeler|reviewer)$")


class ItemOut(Schema):
    id: int
    external_id: str
    data: dict
    target_overlap: int
    open_slots: int


class ImportErrorOut(Schema):
    file: str
    line: int
    reason: str


class ImportBatchOut(Schema):
    id: int
    project_id: int
    file_name: str
    file_format: str
    encoding: str
    size_bytes: int
    status: str
    rows_read: int
    items_created: int
    errors: list[ImportErrorOut]
    created_at: datetime
    finished_at: datetime | None
