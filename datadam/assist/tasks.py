"""Background jobs of the assist app: thin wrappers around one service each."""

from django.tasks import task

from datadam.assist import services


@task(queue_name="default")
def assist_run_task(project_id: int) -> dict:
    version = services.assist_run(project_id=project_id)
    if version is None:
        return {"status": "not run (assistant off, or another run holds the project)"}
    return {"status": version.status, "model": version.name, "predicted": version.predicted_count}
