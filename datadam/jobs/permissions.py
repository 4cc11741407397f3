"""Who may publish a job posting: the staff of the project's organization."""

from datadam.projects.models import Project
from datadam.projects.permissions import can_manage_project


def can_publish_posting(user, project: Project) -> bool:
    return can_manage_project(user, project)
