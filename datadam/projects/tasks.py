"""Background jobs of the projects app: thin wrappers around one service each."""

from django.tasks import task

from datadam.projects.imports import services as imports


@task(queue_name="imports")
def import_batch_run_task(batch_id: int, text_column: str = "text") -> dict:
    batch = imports.import_batch_run(batch_id=batch_id, text_column=text_column)
    return {"status": batch.status, "items_created": batch.items_created}
