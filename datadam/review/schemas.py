from datetime import datetime

from ninja import Schema
from pydantic import Field

from datadam.core.types import CleanStr

ACTIVE_SECONDS_HELP = "Seconds the page was in front and in use; stored up to the time the work was claimed"
STAGE_HELP = (
    "The inspection stage the work was seen at (1 = first). A repeated submit of the same verdict at the same "
    "stage returns the first verdict; left out, the stage the work waits at now"
)


class WorkItemOut(Schema):
    id: int
    external_id: str
    data: dict


class WorkForReviewOut(Schema):
    id: int
    project_id: int
    version: int
    status: str
    stage: int
    result: dict
    author: str = Field(alias="author.username")
    created_at: datetime
    item: WorkItemOut


class AcceptIn(Schema):
    comment: CleanStr = ""
    active_seconds: int = Field(0, ge=0, le=86400, description=ACTIVE_SECONDS_HELP)
    stage: int | None = Field(None, ge=1, le=50, description=STAGE_HELP)


class RejectIn(Schema):
    reason: CleanStr = Field(default="", description="One of the project's reject reasons")
    comment: CleanStr = Field(default="", description="Free text; needed when no reason is picked")
    active_seconds: int = Field(0, ge=0, le=86400, description=ACTIVE_SECONDS_HELP)
    stage: int | None = Field(None, ge=1, le=50, description=STAGE_HELP)


class CorrectIn(Schema):
    result: dict
    comment: CleanStr = ""
    active_seconds: int = Field(0, ge=0, le=86400, description=ACTIVE_SECONDS_HELP)
    stage: int | None = Field(None, ge=1, le=50, description=STAGE_HELP)


class ReviewOut(Schema):
    id: int
    annotation_id: int
    stage: int
    verdict: str
    reason: str
    comment: str
    correction_id: int | None
    overturned_by_id: int | None = Field(description="The later stage's verdict that overturned this acceptance")
    reviewer: str = Field(alias="reviewer.username")
    created_at: datetime
