"""A media import whose worker was killed: run it again from the start, or, once given up, fail it with the reason.

Before a second or later attempt (media.tasks) the dead worker's partial work goes: the batch's hidden items,
and the media it stored from the source (their bytes too); files uploaded one by one are kept and checked
again. The new run then makes every item once and publishes once. The reaper (operations) calls
`media_import_given_up` through the handler registered in MediaConfig.ready.
"""

from django.utils.translation import gettext as _

from datadam.media.models import MediaFile
from datadam.media.storage import media_storage
from datadam.projects.imports import lifecycle
from datadam.projects.models import ImportBatch

UPLOADED_ONE_BY_ONE = "media-files"  # the source whose media rows exist before the run and are its input


def _stored_media_delete(batch: ImportBatch, *, keep_uploads: bool) -> None:
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
    batch = lifecycle.batch_restart_prepare(batch_id)
    if batch is not None:
        _stored_media_delete(batch, keep_uploads=True)


def media_import_given_up(args: list, kwargs: dict, _reason: str) -> None:
    """The reaper gave the import up: nothing of it stays, and the page says why."""
    batch_id = args[0] if args else kwargs["batch_id"]
    reason = _("The worker importing these files stopped before it finished, and the import was given up.")
    batch = lifecycle.batch_give_up(batch_id, reason=reason)
    if batch is not None:
        _stored_media_delete(batch, keep_uploads=False)
