"""Who may do what with a release: small predicates, membership look-ups only."""

from datadam.accounts.models import User
from datadam.projects import permissions as project_permissions
from datadam.projects.models import Project
from datadam.releases.models import Verifier


def can_manage_releases(user: User, project: Project) -> bool:
    return project_permissions.can_manage_project(user, project)


def is_verifier_for(user: User, project: Project) -> bool:
    if not user.is_authenticated:
        return False
    return Verifier.objects.filter(user=user, organization_id=project.organization_id).exists()


def is_independent_of(user: User, project: Project) -> bool:
    """Neither staff of the project's organization nor a labeler or reviewer of the project."""
    return not (
        project_permissions.is_project_staff(user, project) or project_permissions.is_project_member(user, project)
    )


def can_verify(user: User, project: Project) -> bool:
    return is_verifier_for(user, project) and is_independent_of(user, project)
