"""Who may inspect at which stage. The stage's project role, or the organization's staff (projects.permissions);
never one's own work, and one stage per labeler's work on an item: whoever inspected it at one stage does not
inspect it at another."""

from datadam.labeling.models import Annotation
from datadam.projects import permissions as project_permissions
from datadam.projects.models import Project
from datadam.projects.stages import Stage


def is_own_work(user, annotation: Annotation) -> bool:
    return annotation.author_id == user.id


def stages_held(user, project: Project, chain: list[Stage]) -> list[Stage]:
    """The stages of the chain at which the user may inspect the project's work."""
    return [stage for stage in chain if project_permissions.can_inspect_stage(user, project, stage.role)]
