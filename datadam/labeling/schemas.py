from datetime import datetime

from ninja import Schema


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


class AnnotationOut(Schema):
    id: int
    assignment_id: int
    item_id: int
    version: int
    status: str
    result: dict
    created_at: datetime
