"""A text import whose worker was killed: run it again from the start, or, once given up, fail it with the reason.

The task runs `import_run_again_prepare` before a second or later attempt: the hidden items the dead worker
wrote are deleted and the counters reset, so the new run writes every row once and publishes once. A batch
already published or failed is left as it is. The reaper (operations) calls `import_given_up` through the
handler registered in ProjectsConfig.ready; the manager then sees the reason and a restart button
(imports.restart, which schedules the task; this module imports no task).
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from datadam.projects.imports.lifecycle import batch_hidden_items_delete
from datadam.projects.models import ImportBatch


def import_run_again_prepare(*, batch_id: int) -> None:
    """Before a new attempt of a batch a dead worker left running: forget its partial rows."""
    if not ImportBatch.objects.filter(id=batch_id, status=ImportBatch.Status.RUNNING).exists():
        return
    batch_hidden_items_delete(batch_id)
    ImportBatch.objects.filter(id=batch_id, status=ImportBatch.Status.RUNNING).update(
        rows_read=0, items_created=0, bytes_read=0
    )


def import_given_up(args: list, kwargs: dict, _reason: str) -> None:
    """The reaper gave the import up: nothing of it stays, and the page says why (in its own words) and offers
    a restart."""
    batch_id = args[0] if args else kwargs["batch_id"]
    text_column = kwargs.get("text_column", args[1] if len(args) > 1 else "text")
    batch_hidden_items_delete(batch_id)
    batch = ImportBatch.objects.filter(id=batch_id).exclude(status=ImportBatch.Status.PUBLISHED).first()
    if batch is None:
        return
    reason = _("The worker importing this file stopped before it finished, and the import was given up.")
    batch.status, batch.items_created, batch.finished_at = ImportBatch.Status.FAILED, 0, timezone.now()
    batch.errors = [
        {"file": batch.file_name, "line": 0, "reason": reason, "worker_lost": True, "text_column": text_column}
    ]
    batch.save(update_fields=["status", "items_created", "finished_at", "errors"])


def import_can_restart(batch: ImportBatch) -> bool:
    return batch.status == ImportBatch.Status.FAILED and any(e.get("worker_lost") for e in batch.errors)
