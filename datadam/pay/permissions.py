"""Who may change what people are paid: small predicates, membership look-ups only."""

from datadam.accounts.models import Organization, User
from datadam.projects import access
from datadam.projects.models import Project


def can_adjust_pay(user: User, organization: Organization, project: Project | None = None) -> bool:
    """Staff of the organization enter bonuses and corrections (of one of its projects, when one is named)."""
    if not access.is_staff(user, organization.id):
        return False
    return project is None or access.is_project_staff(user, project)


def can_set_rates(user: User, project: Project) -> bool:
    """The staff of the project's organization set what each unit of work pays."""
    return access.is_project_staff(user, project)
