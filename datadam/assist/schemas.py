from datetime import datetime
from typing import Literal

from ninja import Field, Schema

from datadam.core.types import CleanStr


class AssistSettingsIn(Schema):
    """Only the fields given change."""

    enabled: bool | None = None
    kind: Literal["text_classifier", "span_tagger", "backend"] | None = None
    queue_order: Literal["id", "random", "uncertainty"] | None = None
    uncertainty_measure: Literal["least_confidence", "margin"] | None = None
    retrain_every: int | None = Field(default=None, ge=1, le=100_000)
    min_labels: int | None = Field(default=None, ge=4, le=100_000)
    backend_url: CleanStr | None = Field(default=None, max_length=500)
    backend_timeout_seconds: float | None = Field(default=None, ge=0.1, le=300, allow_inf_nan=False)
    backend_retries: int | None = Field(default=None, ge=0, le=5)
    backend_batch_size: int | None = Field(default=None, ge=1, le=1000)


class AssistSettingsOut(Schema):
    enabled: bool
    kind: str
    queue_order: str
    uncertainty_measure: str
    retrain_every: int
    min_labels: int
    backend_url: str
    backend_timeout_seconds: float
    backend_retries: int
    backend_batch_size: int
    busy_since: datetime | None


class ModelCardOut(Schema):
    name: str
    kind: str
    status: str
    reason: str
    trained_on: str
    label_count: int
    heldout_count: int
    heldout_metric: str
    heldout_score: float | None
    predicted_count: int
    created_at: datetime


class AssistProblemOut(Schema):
    what: str
    message: str
    item_id: int | None
    created_at: datetime


class AssistOut(Schema):
    settings: AssistSettingsOut
    latest: ModelCardOut | None
    current: ModelCardOut | None
    accepted_labels: int
    labels_since_last_run: int
    pre_labeled_items: int
    prelabels_submitted: int
    prelabels_kept: int
    problems: list[AssistProblemOut]


class BackendHealthOut(Schema):
    status: str
    model: str | None = None
