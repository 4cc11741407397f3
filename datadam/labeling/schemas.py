from datetime import datetime

from ninja import Schema
from pydantic import Field

from datadam.projects.models import MAX_ITEMS_PER_PAGE

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


class PageOut(Schema):
    """A task page: each item is its own task, with its own id to submit under."""

    tasks: list[AssignmentOut]


class PageAnswerIn(Schema):
    assignment_id: int
    result: dict


class PageIn(Schema):
    answers: list[PageAnswerIn] = Field(min_length=1, max_length=MAX_ITEMS_PER_PAGE)
    active_seconds: int = Field(0, ge=0, le=86400, description="The page's active time, shared evenly by its items")


class PageResultOut(Schema):
    stored: list[AnnotationOut]
    already: list[AnnotationOut] = Field(description="Stored by an earlier try of the same submit")
    ran_out: list[int] = Field(description="Tasks whose lease ran out: the answer is kept as their draft")
    held_back: list[int] = Field(description="Tasks whose item is held back for a report: nothing stored")
