from datetime import datetime

from ninja import Schema
from pydantic import Field

from datadam.core.types import CleanStr


class WorkItemOut(Schema):
    id: int
    external_id: str
    data: dict


class WorkForReviewOut(Schema):
    id: int
    project_id: int
    version: int
    status: str
    result: dict
    author: str = Field(alias="author.username")
    created_at: datetime
    item: WorkItemOut


class AcceptIn(Schema):
    comment: CleanStr = ""


class RejectIn(Schema):
    reason: CleanStr = Field(default="", description="One of the project's reject reasons")
    comment: CleanStr = Field(default="", description="Free text; needed when no reason is picked")


class CorrectIn(Schema):
    result: dict
    comment: CleanStr = ""


class ReviewOut(Schema):
    id: int
    annotation_id: int
    verdict: str
    reason: str
    comment: str
    correction_id: int | None
    reviewer: str = Field(alias="reviewer.username")
    created_at: datetime
