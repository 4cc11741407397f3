from ninja import Schema
from pydantic import Field


class GoldAccuracyOut(Schema):
    answers: int
    accuracy: float
    low: float
    high: float


class WorkerRowOut(Schema):
    worker: str
    answers: int
    gold: GoldAccuracyOut | None
    agreement: float | None
    median_seconds: float | None
    rejected: int
    flags: list[str]
    paused: str | None


class PairOut(Schema):
    a: str
    b: str
    kappa: float | None
    items: int


class ControlAgreementOut(Schema):
    name: str
    items: int
    level: str
    alpha: float | None
    fleiss: float | None
    pairs: list[PairOut]
    labels: dict[str, float | None]
    workers: dict[str, float]


class AgreementOut(Schema):
    alpha: float | None
    controls: list[ControlAgreementOut]


class MyQualityOut(Schema):
    submitted: int
    gold: GoldAccuracyOut
    agreement: list[dict]
    accepted: int
    rejected: int
    corrected: int
    paused: str | None


class PolicyIn(Schema):
    honeypot_share: float | None = Field(default=None, ge=0, le=0.5)
    accuracy_floor: float | None = Field(default=None, ge=0, le=1)
    min_gold_answers: int | None = Field(default=None, ge=1, le=1000)
    agreement_threshold: float | None = Field(default=None, ge=0, le=1)
    max_overlap: int | None = Field(default=None, ge=1, le=10)
    aggregation_method: str | None = Field(default=None, max_length=10)
    flag_action: str | None = Field(default=None, pattern="^(flag|pause)$")
    inspection: str | None = Field(default=None, pattern="^(all|sampling)$")
    lot_size: int | None = Field(default=None, ge=2, le=100000)
    inspection_level: str | None = Field(default=None, max_length=4)
    aql: float | None = Field(default=None, ge=0.01, le=1000)


class PolicyOut(Schema):
    honeypot_share: float
    accuracy_floor: float
    min_gold_answers: int
    agreement_threshold: float
    max_overlap: int
    aggregation_method: str
    flag_action: str
    inspection: str
    lot_size: int
    inspection_level: str
    aql: float


class GoldIn(Schema):
    data: dict
    answer: dict
    explanation: str = Field(default="", max_length=500)


class GoldOut(Schema):
    id: int
    item_id: int
    answer: dict
    source: str


class GoldPromoteIn(Schema):
    item_id: int = Field(ge=1, le=2**63 - 1)
    explanation: str = Field(default="", max_length=500)


class RefreshOut(Schema):
    items: int
    raised: int
    lots: int


class LiftOut(Schema):
    lifted: int
