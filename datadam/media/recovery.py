"""A media import whose worker was killed: run it again from the start, or, once given up, fail it with the reason.

Before a second or later attempt (media.tasks) the dead worker's partial work goes: the batch's hidden items,
and the media it stored from the source (their bytes too); files uploaded one by one are kept and checked
again. The new run then makes every item once and publishes once. The reaper (operations) calls
`media_import_given_up` through the handler registered in MediaConfig.ready.
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from datadam.media.models import MediaFile
from datadam.media.storage import media_storage
from datadam.projects.imports.lifecycle import batch_hidden_items_delete
from datadam.projects.models import ImportBatch

UPLOADED_ONE_BY_ONE = "media-files"  # the source whose media rows exist before the run and are its input


def _partial_work_delete(batch: ImportBatch, *, keep_uploads: bool) -> None:
    batch_hidden_items_delete(batch.id)
    media = MediaFile.objects.filter(batch=batch)
    if keep_uploads and batch.file_format == UPLOADED_ONE_BY_ONE:
        media.update(status=MediaFile.Status.PENDING)
        return
    storage = media_storage()
    for key in media.values_list("storage_key", flat=True).iterator():
        storage.delete(key)
    media.delete()


def media_import_run_again_prepare(*, batch_id: int) -> None:
    """Before a new attempt of a batch a dead worker left running: forget its partial work."""
    batch = ImportBatch.objects.filter(id=batch_id, status=ImportBatch.Status.RUNNING).first()
    if batch is None:
        return
    _partial_work_delete(batch, keep_uploads=True)
    ImportBatch.objects.filter(id=batch_id).update(rows_read=0, items_created=0, bytes_read=0)


def media_import_given_up(args: list, kwargs: dict, _reason: str) -> None:
    """The reaper gave the import up: nothing of it stays, and the page says why."""
    batch_id = args[0] if args else kwargs["batch_id"]
    batch = ImportBatch.objects.filter(id=batch_id).exclude(status=ImportBatch.Status.PUBLISHED).first()
    if batch is None:
        return
    _partial_work_delete(batch, keep_uploads=False)
    reason = _("The worker importing these files stopped before it finished, and the import was given up.")
    batch.status, batch.items_created, batch.finished_at = ImportBatch.Status.FAILED, 0, timezone.now()
    batch.errors = [{"file": batch.file_name, "line": 0, "reason": reason, "worker_lost": True}]
    batch.save(update_fields=["status", "items_created", "finished_at", "errors"])
