"""Who may do what in a project: small predicates, no queries beyond membership look-ups."""

from datadam.projects import access
from datadam.projects.access import has_project_role, is_project_member, is_project_staff
from datadam.projects.models import Project, ProjectMembership

INSPECTION_ROLES = {ProjectMembership.Role.REVIEWER, ProjectMembership.Role.SENIOR_REVIEWER}

# The membership look-ups themselves are the access module's; they are named here too, for the callers.
__all__ = [
    "can_create_project",
    "can_join",
    "can_manage_project",
    "can_inspect_stage",
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
    """The project's inspectors at any stage and its organization's staff (review and media ask it; their own
    work aside)."""
    roles = access.project_roles(user, project)
    return bool(roles & INSPECTION_ROLES) or is_project_staff(user, project)


def can_inspect_stage(user, project: Project, role: str) -> bool:
    """Whoever holds the stage's project role, and the organization's staff, inspect at that stage."""
    return has_project_role(user, project, role) or is_project_staff(user, project)


def can_see_progress(user, project: Project) -> bool:
    """The project page's figures: for its organization's staff and the people who joined it."""
    return access.is_project_staff(user, project) or access.is_project_member(user, project)
