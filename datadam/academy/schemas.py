from datetime import date, datetime
from typing import Literal

from ninja import Schema
from pydantic import Field

from datadam.academy import selectors
from datadam.core.types import CleanStr, ShortStr


class CourseOut(Schema):
    id: int
    code: str  # the public overview's address: /academy/course/<code>/
    title_ko: str
    title_en: str
    description_ko: str
    description_en: str
    data_types: list[str]
    subject: str
    study_minutes: int
    labeler_threshold: float
    reviewer_threshold: float
    time_limit_minutes: int | None
    max_attempts: int
    cooldown_minutes: int

    @staticmethod
    def resolve_study_minutes(course) -> int:
        """How long the course takes, worked out from its lessons and items."""
        return selectors.course_minutes(course)


class CohortCreateIn(Schema):
    number: int = Field(ge=1, le=10_000)
    enrol_opens_at: datetime
    enrol_closes_at: datetime
    starts_on: date
    ends_on: date
    seats: int = Field(description="At least 1; 0 or less is refused with 422")
    mode: Literal["online", "classroom"] = "online"
    selection: Literal["first_come", "review"] = "first_come"
    teaching_organization: CleanStr = ""
    venue: CleanStr = ""
    timetable: CleanStr = ""
    sessions: int = Field(default=0, ge=0, le=1000)
    required_attendance: int = Field(default=0, ge=0, le=1000)
    eligibility_questions: list[ShortStr] = []


class CohortOut(Schema):
    id: int
    course_id: int
    number: int
    code: str
    mode: str
    selection: str
    teaching_organization: str
    venue: str
    enrol_opens_at: datetime
    enrol_closes_at: datetime
    starts_on: date
    ends_on: date
    seats: int


class ApplyIn(Schema):
    answers: dict[str, CleanStr] = {}
    consent: bool = False
    accept_agreement: bool = False


class EnrolmentOut(Schema):
    id: int
    cohort_id: int
    user_id: int
    status: str
    waitlist_position: int | None = None
    applied_at: datetime


class PracticeAnswerIn(Schema):
    answer: dict


class FeedbackOut(Schema):
    correct: bool
    score: float
    expected: dict
    explanation: str


class AttemptOut(Schema):
    id: int
    course_id: int
    item_ids: list[int]
    status: str
    score: float | None
    passed: bool
    started_at: datetime
    deadline: datetime | None
    submitted_at: datetime | None


class AttemptSubmitIn(Schema):
    answers: dict[str, dict] = Field(default={}, description="Course item id → annotation result")


class QualificationOut(Schema):
    id: int
    data_type: str
    subject: str
    role: str
    course_id: int | None
    granted_at: datetime


class RequirementIn(Schema):
    data_type: Literal["", "text", "image", "audio"] = ""
    subject: CleanStr = ""
    role: Literal["labeler", "reviewer"] = "labeler"


class RequirementOut(Schema):
    project_id: int
    data_type: str
    subject: str
    role: str
