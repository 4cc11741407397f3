"""Background jobs of the releases app: thin wrappers around one service each."""

from django.tasks import task

from datadam.releases.build import release_build_run
from datadam.releases.export_run import export_job_run


@task(queue_name="exports")
def export_job_run_task(job_id: int) -> dict:
    job = export_job_run(job_id=job_id)
    return {"status": job.status, "items": job.items_done}


@task(queue_name="exports")
def release_build_task(release_id: int) -> dict:
    release = release_build_run(release_id=release_id)
    return {"status": release.status, "entries": release.entries_done}
