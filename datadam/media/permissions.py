"""Who may see a project's media: its organization's staff and the people who joined the project."""

from datadam.projects.models import Project
from datadam.projects.permissions import is_project_staff


def can_view_media(user, project: Project) -> bool:
    if not user.is_authenticated:
        return False
    return is_project_staff(user, project) or project.memberships.filter(user=user).exists()


def can_manage_media(user, project: Project) -> bool:
    return is_project_staff(user, project)
