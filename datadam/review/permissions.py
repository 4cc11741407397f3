"""Who may review: the project's reviewers and its organization's staff, never on their own work."""

from datadam.labeling.models import Annotation
from datadam.projects.models import Project, ProjectMembership
from datadam.projects.permissions import has_project_role, is_project_staff


def can_review(user, project: Project) -> bool:
    return has_project_role(user, project, ProjectMembership.Role.REVIEWER) or is_project_staff(user, project)


def is_own_work(user, annotation: Annotation) -> bool:
    return annotation.author_id == user.id
