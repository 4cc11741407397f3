"""Who may steer a project's assistant: its managers (the staff of the project's organization)."""

from datadam.projects.models import Project
from datadam.projects.permissions import can_manage_project


def can_manage_assistant(user, project: Project) -> bool:
    """Switch the assistant, run it, and check its model backend."""
    return can_manage_project(user, project)
