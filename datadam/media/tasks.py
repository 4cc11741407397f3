"""Background jobs of the media app: thin wrappers around one service each."""

from django.tasks import TaskContext, task

from datadam.media.import_run import media_import_run
from datadam.media.recovery import media_import_run_again_prepare


@task(queue_name="imports", takes_context=True)
def media_import_run_task(context: TaskContext, batch_id: int) -> dict:
    if context.attempt > 1:  # the worker of an earlier attempt died half-way (operations.reaper)
        media_import_run_again_prepare(batch_id=batch_id)
    batch = media_import_run(batch_id=batch_id)
    return {"status": batch.status, "items_created": batch.items_created}
