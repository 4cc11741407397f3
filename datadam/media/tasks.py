"""Background jobs of the media app: thin wrappers around one service each."""

from django.tasks import task


@task(queue_name="imports")
def media_import_run_task(batch_id: int) -> dict:
    from datadam.media import imports  # imports.py enqueues this task, so the service is looked up at run time

    batch = imports.media_import_run(batch_id=batch_id)
    return {"status": batch.status, "items_created": batch.items_created}
