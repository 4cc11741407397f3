"""Asking for an assistant run: the services that schedule the run task (tasks.assist_run_task).

The task runs services.assist_run; this module schedules it. Keeping the two apart means the task and the
services it runs never import each other.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from datadam.assist import tasks
from datadam.assist.examples import accepted_count
from datadam.assist.models import AssistSettings
from datadam.assist.permissions import can_manage_assistant
from datadam.assist.services import assist_settings_for
from datadam.audit.services import audit_record_project
from datadam.core.errors import Invalid, PermissionDenied
from datadam.projects.models import Project


def assist_labels_accepted(*, project_id: int) -> bool:
    """Call after labels are accepted (the review verdicts): queue a retrain once `retrain_every` new ones came in.

    Cheap when nothing is due (one settings read and one count). Returns whether a run was queued.
    """
    settings = AssistSettings.objects.filter(project_id=project_id, enabled=True).first()
    if settings is None or settings.kind == AssistSettings.Kind.BACKEND and not settings.backend_url:
        return False
    if accepted_count(settings.project) - settings.labels_at_last_run < settings.retrain_every:
        return False
    assist_run_enqueue(project_id=project_id)
    return True


def assist_run_enqueue(*, project_id: int) -> None:
    transaction.on_commit(lambda: tasks.assist_run_task.enqueue(project_id))


def assist_run_request(*, actor, project: Project) -> None:
    """A manager's "train / predict now" button."""
    if not can_manage_assistant(actor, project):
        raise PermissionDenied(_("Only the project's managers may run its assistant."))
    settings = assist_settings_for(project)
    if not settings.enabled:
        raise Invalid(_("Turn the assistant on first."))
    AssistSettings.objects.filter(pk=settings.pk).update(run_requested_at=timezone.now())
    audit_record_project(actor=actor, action="assist.run", target=settings, project=project)
    assist_run_enqueue(project_id=project.id)
