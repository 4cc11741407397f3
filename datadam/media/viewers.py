"""Who else may see a project's media, besides its staff and members.

Apps above media show a project's items to people who are not its members: the academy shows the items of a
course's hidden project to the course's trainees. Media cannot import them, so each registers a check in its
AppConfig.ready, and `can_view_media` asks them all.
"""

from collections.abc import Callable

from datadam.projects.models import Project

MediaViewerCheck = Callable[[object, Project], bool]

_checks: list[MediaViewerCheck] = []


def media_viewer_register(check: MediaViewerCheck) -> None:
    """Register `check(user, project) -> bool`; registering the same one twice keeps one."""
    if check not in _checks:
        _checks.append(check)


def media_viewer_allowed(user, project: Project) -> bool:
    return any(check(user, project) for check in _checks)
