from datetime import datetime

from ninja import Schema
from pydantic import Field

ACTIVE_SECONDS_HELP = "Seconds the page was in front and in use (a draft ignores it); stored up to the lease's age"


class TaskItemOut(Schema):
    id: int
    external_id: str
    data: dict


class AssignmentOut(Schema):
    id: int
    project_id: int
    status: str
    leased_at: datetime
    expires_at: datetime
    draft: dict | None
    item: TaskItemOut


class ResultIn(Schema):
    result: dict
    active_seconds: int = Field(0, ge=0, le=86400, description=ACTIVE_SECONDS_HELP)


class AnnotationOut(Schema):
    id: int
    assignment_id: int
    item_id: int
    version: int
    status: str
    result: dict
    created_at: datetime
