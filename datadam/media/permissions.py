"""Who may see a project's media: its organization's staff, the people who joined the project, and those an
app above media lets see it (`viewers.py`)."""

from datadam.media.models import CollectionTask
from datadam.media.viewers import media_viewer_allowed
from datadam.projects.models import Project, ProjectMembership
from datadam.projects.permissions import has_project_role, is_project_member, is_project_staff


def can_view_media(user, project: Project) -> bool:
    if not user.is_authenticated:
        return False
    return (
        is_project_staff(user, project)
        or is_project_member(user, project)
        or media_viewer_allowed(user, project)
    )


def can_manage_media(user, project: Project) -> bool:
    return is_project_staff(user, project)


def can_contribute(user, task: CollectionTask) -> bool:
    """The collection's project labelers record answers to its prompts."""
    return has_project_role(user, task.project, ProjectMembership.Role.LABELER)
