from datetime import datetime

from ninja import Schema
from pydantic import Field


class ExportJobCreateIn(Schema):
    file_format: str = Field(default="jsonl", pattern=r"^[a-z0-9_]{1,20}$")
    include: str = Field(default="accepted", pattern=r"^(accepted|all)$")


class ExportJobOut(Schema):
    id: int
    project_id: int
    file_format: str
    include: str
    status: str
    items_total: int
    items_done: int
    size_bytes: int
    error: str
    created_at: datetime
    finished_at: datetime | None
