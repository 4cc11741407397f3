"""Background jobs of the text import: thin wrappers around one service each."""

from django.tasks import TaskContext, task

from datadam.projects.imports.recovery import import_run_again_prepare
from datadam.projects.imports.run import import_batch_run


@task(queue_name="imports", takes_context=True)
def import_batch_run_task(
    context: TaskContext, batch_id: int, text_column: str = "text", id_column: str = "id", keep: list | None = None
) -> dict:
    if context.attempt > 1:  # the worker of an earlier attempt died half-way (operations.reaper)
        import_run_again_prepare(batch_id=batch_id)
    batch = import_batch_run(batch_id=batch_id, text_column=text_column, id_column=id_column, keep=keep)
    return {"status": batch.status, "items_created": batch.items_created}
