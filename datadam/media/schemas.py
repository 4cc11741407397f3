from datetime import datetime

from ninja import Field, Schema

from datadam.core.types import CleanStr


class MediaOut(Schema):
    url: str
    kind: str
    content_type: str
    width: int | None
    height: int | None
    duration: float | None
    peaks_url: str | None
    status: str
    reason: str


class UnreadableOut(Schema):
    id: int
    original_name: str
    reason: str


class MediaImportOut(Schema):
    id: int
    project_id: int
    source: str
    name: str = Field(alias="file_name")
    status: str
    files_read: int = Field(alias="rows_read")
    items_created: int
    problems: list[dict] = Field(alias="errors")
    created_at: datetime
    finished_at: datetime | None

    @staticmethod
    def resolve_source(batch) -> str:
        return batch.file_format.removeprefix("media-")


class MediaImportDetailOut(MediaImportOut):
    unreadable: list[UnreadableOut]


class MediaUrlsIn(Schema):
    urls: CleanStr = Field(max_length=2_000_000, description="One URL a line; a tab and a prompt text may follow.")
