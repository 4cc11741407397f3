"""Background jobs of the media app: thin wrappers around one service each."""

from django.tasks import task

from datadam.media.import_run import media_import_run


@task(queue_name="imports")
def media_import_run_task(batch_id: int) -> dict:
    batch = media_import_run(batch_id=batch_id)
    return {"status": batch.status, "items_created": batch.items_created}
