"""Who may do what in a project: small predicates, no queries beyond membership look-ups."""

from datadam.accounts.models import OrganizationMembership
from datadam.projects.models import Project, ProjectMembership


def is_project_staff(user, project: Project) -> bool:
    return (
        user.is_authenticated
        and OrganizationMembership.objects.filter(user=user, organization_id=project.organization_id).exists()
    )


def has_project_role(user, project: Project, role: str) -> bool:
    return user.is_authenticated and ProjectMembership.objects.filter(user=user, project=project, role=role).exists()


def can_manage_project(user, project: Project) -> bool:
    return is_project_staff(user, project)


def can_join(user, project: Project) -> bool:
    return user.is_authenticated and project.join_policy == Project.JoinPolicy.OPEN


def can_review(user, project: Project) -> bool:
    """The project's reviewers and its organization's staff (review and media ask it; their own work aside)."""
    return has_project_role(user, project, ProjectMembership.Role.REVIEWER) or is_project_staff(user, project)
