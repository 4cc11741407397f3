"""What a project pays, as a worker weighs it before starting: the rate per item, the rates per unit of work,
and the hourly wage the rate per item comes to at the pace measured so far."""

import statistics
from dataclasses import dataclass

from datadam.pay import active_time
from datadam.pay.models import UnitRate
from datadam.projects.models import Project

# Fewer measured pieces of work than this give no estimate (the same floor as the rate suggestion).
MIN_MEASURED = 5


@dataclass(frozen=True)
class UnitOffer:
    control: str
    unit_label: str
    rate: int


@dataclass(frozen=True)
class PayOffer:
    currency: str
    rate_per_item: int
    rate_per_review: int
    units: list[UnitOffer]
    hourly_estimate: int | None
    minimum_wage: int

    @property
    def below_minimum(self) -> bool:
        return self.hourly_estimate is not None and self.hourly_estimate < self.minimum_wage

    @property
    def pays_nothing(self) -> bool:
        return not self.rate_per_item and not self.units


def estimated_hourly_wage(*, project: Project) -> int | None:
    """What the rate per item pays an hour at the median measured pace (active seconds per piece of work).
    Pay per unit comes on top, so this is the least the work pays at that pace."""
    seconds = active_time.piece_seconds_of(project=project)
    if len(seconds) < MIN_MEASURED:
        return None
    return round(project.rate_per_item * 3600 / statistics.median(seconds))


def pay_offer(*, project: Project) -> PayOffer:
    units = [
        UnitOffer(control=rate.control, unit_label=str(UnitRate.Unit(rate.unit).label), rate=rate.rate)
        for rate in UnitRate.objects.filter(project=project).order_by("control", "unit")
    ]
    return PayOffer(
        currency=project.organization.currency,
        rate_per_item=project.rate_per_item,
        rate_per_review=project.rate_per_review,
        units=units,
        hourly_estimate=estimated_hourly_wage(project=project),
        minimum_wage=project.organization.minimum_hourly_wage,
    )
