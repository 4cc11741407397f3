"""Who may steer a project's quality (gold, policy, flags and pauses): its managers."""

from datadam.projects.models import Project
from datadam.projects.permissions import can_manage_project


def can_manage_quality(user, project: Project) -> bool:
    return can_manage_project(user, project)
