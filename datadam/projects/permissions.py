"""Who may do what in a project: small predicates, no queries beyond membership look-ups."""

from datadam.projects import access
from datadam.projects.access import has_project_role, is_project_member, is_project_staff
from datadam.projects.models import Project, ProjectMembership

# The membership look-ups themselves are the access module's; they are named here too, for the callers.
__all__ = [
    "can_create_project",
    "can_join",
    "can_manage_project",
    "can_review",
    "can_see_progress",
    "has_project_role",
    "is_project_member",
    "is_project_staff",
]


def can_create_project(user) -> bool:
    """Staff of at least one organization (a project belongs to one)."""
    return access.staff_organization_ids(user).exists()


def can_manage_project(user, project: Project) -> bool:
    return is_project_staff(user, project)


def can_join(user, project: Project) -> bool:
    return user.is_authenticated and project.join_policy == Project.JoinPolicy.OPEN


def can_review(user, project: Project) -> bool:
    """The project's reviewers and its organization's staff (review and media ask it; their own work aside)."""
    return has_project_role(user, project, ProjectMembership.Role.REVIEWER) or is_project_staff(user, project)


def can_see_progress(user, project: Project) -> bool:
    """The project page's figures: for its organization's staff and the people who joined it."""
    return access.is_project_staff(user, project) or access.is_project_member(user, project)
