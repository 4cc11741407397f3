from datetime import date

from ninja import Schema


class StageOut(Schema):
    key: str
    label: str
    count: int
    of_previous: float | None
    of_applied: float | None


class OutcomeKindOut(Schema):
    kind: str
    label: str
    count: int
    of_enrolled: float | None


class FunnelOut(Schema):
    stages: list[StageOut]
    employed_by_kind: list[OutcomeKindOut]


class CohortFunnelOut(FunnelOut):
    cohort_id: int
    cohort: str


class TargetOut(Schema):
    year: int
    metric: str
    label: str
    target: int
    actual: int
    share: float | None


class WorkOut(Schema):
    items_labeled: int
    items_accepted: int
    datasets_released: int
    downloads: int


class FiguresOut(Schema):
    programme_id: int
    programme: str
    start: date
    end: date
    targets: list[TargetOut]
    overall: FunnelOut
    cohorts: list[CohortFunnelOut]
    work: WorkOut
