"""Start again an import whose worker was lost (the reaper gave it up): the stored upload is read from the start."""

from django.db import transaction
from django.utils.translation import gettext as _

from datadam.accounts.models import User
from datadam.audit.services import audit_record_project
from datadam.core.errors import Conflict, NotFound
from datadam.projects import permissions
from datadam.projects.imports import tasks
from datadam.projects.imports.recovery import import_can_restart
from datadam.projects.models import ImportBatch


@transaction.atomic
def import_batch_restart(*, actor: User, batch: ImportBatch) -> ImportBatch:
    """Queue an import again whose worker was lost; the stored upload is read again from the start."""
    if not permissions.can_manage_project(actor, batch.project):
        raise NotFound(_("No such import."))
    batch = ImportBatch.objects.select_for_update().get(id=batch.id)
    if not import_can_restart(batch):
        raise Conflict(_("Only an import whose worker stopped can be started again."))
    kept = batch.errors[0]
    columns = (kept.get("text_column", "text"), kept.get("id_column", "id"), kept.get("keep"))
    batch.status, batch.errors, batch.finished_at = ImportBatch.Status.QUEUED, [], None
    batch.rows_read = batch.items_created = batch.bytes_read = 0
    batch.save(update_fields=["status", "errors", "finished_at", "rows_read", "items_created", "bytes_read"])
    audit_record_project(actor=actor, action="import_batch.restart", target=batch, project=batch.project)
    transaction.on_commit(lambda: tasks.import_batch_run_task.enqueue(batch.id, *columns))
    return batch
