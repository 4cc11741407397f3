"""A month's statement as a worker reads it: per organization that pays, one line per project and day, the tax
held back at the organization's rate, the net amount and the day it is paid."""

from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from datadam.accounts.models import Organization
from datadam.pay.models import LedgerEntry
from datadam.pay.selectors import Period


@dataclass
class StatementLine:
    """What one project paid on one day (bonuses and adjustments without a project make a line of their own)."""

    day: date
    project_name: str
    entries: int = 0
    amount: int = 0


@dataclass
class PayerSection:
    organization: Organization
    period: Period
    lines: list[StatementLine] = field(default_factory=list)

    @property
    def gross(self) -> int:
        return sum(line.amount for line in self.lines)

    @property
    def withholding_percent(self) -> float:
        return self.organization.withholding_basis_points / 100

    @property
    def withholding(self) -> int:
        """The organization's rate of the gross, rounded down to the whole won; nothing on a month that nets
        nothing or less."""
        return self.gross * self.organization.withholding_basis_points // 10_000 if self.gross > 0 else 0

    @property
    def net(self) -> int:
        return self.gross - self.withholding

    @property
    def payment_date(self) -> date:
        following = self.period.next_first_day
        return following.replace(day=self.organization.payday)


def payer_sections(*, entries: list[LedgerEntry], period: Period) -> list[PayerSection]:
    """The month's ledger rows (already the worker's own, in time order), grouped per paying organization and
    then per day and project, in the order they were earned."""
    sections: dict[int, PayerSection] = {}
    lines: dict[tuple, StatementLine] = {}
    for entry in entries:
        section = sections.setdefault(
            entry.organization_id, PayerSection(organization=entry.organization, period=period)
        )
        day = timezone.localdate(entry.created_at)
        key = (entry.organization_id, day, entry.project_id)
        if key not in lines:
            lines[key] = StatementLine(day=day, project_name=entry.project.name if entry.project else "")
            section.lines.append(lines[key])
        lines[key].entries += 1
        lines[key].amount += entry.amount
    return list(sections.values())
