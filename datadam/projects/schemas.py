from datetime import datetime
from typing import Literal

from ninja import Schema
from pydantic import Field

from datadam.core.types import CleanStr, Id, ShortStr
from datadam.projects.models import MAX_ITEMS_PER_PAGE, MAX_RATE

PayOn = Literal["accept", "submit"]
CorrectionPay = Literal["full", "half", "none"]
RATE_HELP = "Whole won"
PAGE_HELP = "Items leased, shown and submitted together; above 1 only with plain controls (choices, ratings, text)"


class ProjectCreateIn(Schema):
    organization_id: Id
    name: ShortStr
    schema_: dict = Field(alias="schema", description="Label schema: {'controls': [...]}")
    data_type: str = "text"
    description: CleanStr = ""
    guideline: CleanStr = Field(default="", description="Markdown")
    default_overlap: int = Field(default=1, ge=1, le=10)
    lease_seconds: int = Field(default=1800, ge=60, le=86400)
    items_per_page: int = Field(default=1, ge=1, le=MAX_ITEMS_PER_PAGE, description=PAGE_HELP)
    join_policy: str = "open"
    rate_per_item: int = Field(default=0, ge=0, le=MAX_RATE, description=RATE_HELP)
    rate_per_review: int = Field(default=0, ge=0, le=MAX_RATE, description=RATE_HELP)
    pay_on: PayOn = "accept"
    correction_pay: CorrectionPay = "half"


class ProjectUpdateIn(Schema):
    name: ShortStr | None = None
    schema_: dict | None = Field(default=None, alias="schema")
    description: CleanStr | None = None
    guideline: CleanStr | None = None
    default_overlap: int | None = Field(default=None, ge=1, le=10)
    lease_seconds: int | None = Field(default=None, ge=60, le=86400)
    items_per_page: int | None = Field(default=None, ge=1, le=MAX_ITEMS_PER_PAGE, description=PAGE_HELP)
    join_policy: str | None = None
    rate_per_item: int | None = Field(default=None, ge=0, le=MAX_RATE, description=RATE_HELP)
    rate_per_review: int | None = Field(default=None, ge=0, le=MAX_RATE, description=RATE_HELP)
    pay_on: PayOn | None = None
    correction_pay: CorrectionPay | None = None


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
    items_per_page: int
    join_policy: str
    rate_per_item: int
    rate_per_review: int
    pay_on: str
    correction_pay: str
    created_at: datetime


class MembershipOut(Schema):
    user_id: int
    username: str = Field(alias="user.username")
    role: str
    joined_at: datetime


class MemberAddIn(Schema):
    username: ShortStr
    role: str = Field(pattern=r"^(labeler|reviewer|senior_reviewer)$")


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
