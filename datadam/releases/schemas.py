from datetime import datetime

from ninja import Schema
from pydantic import Field


class ExportJobCreateIn(Schema):
    file_format: str = Field(default="jsonl", pattern=r"^[a-z0-9_]{1,20}$")
    include: str = Field(default="accepted", pattern=r"^(accepted|all)$")


class ExportFormatOut(Schema):
    name: str
    title: str
    extension: str
    fits: bool
    reason: str | None


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


class ReleaseCutIn(Schema):
    version: str = Field(pattern=r"^v\d{1,4}\.\d{1,4}\.\d{1,4}$")
    notes: str = Field(default="", max_length=5000)
    source: str = Field(default="accepted", pattern=r"^(accepted|consensus)$")
    validation_percent: int = Field(default=10, ge=0, le=50)


class ReleaseOut(Schema):
    id: int
    project_id: int
    version: str
    notes: str
    source: str
    status: str
    entries_total: int
    entries_done: int
    manifest_sha256: str
    cut_at: datetime
    built_at: datetime | None
    published_at: datetime | None
