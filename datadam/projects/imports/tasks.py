"""Background jobs of the text import: thin wrappers around one service each."""

from django.tasks import task

from datadam.projects.imports.run import import_batch_run


@task(queue_name="imports")
def import_batch_run_task(batch_id: int, text_column: str = "text") -> dict:
    batch = import_batch_run(batch_id=batch_id, text_column=text_column)
    return {"status": batch.status, "items_created": batch.items_created}
