"""Who may do what in the programme office: small predicates, membership look-ups only."""

from datadam.accounts.models import User
from datadam.office.models import DataProject
from datadam.programmes.models import Programme


def is_programme_operator(user: User, programme: Programme) -> bool:
    return user.is_authenticated and programme.operators.filter(id=user.id).exists()


def can_plan_data_project(user: User, data_project: DataProject) -> bool:
    """A programme's operators register its data projects and change their plans."""
    return is_programme_operator(user, data_project.programme)
