"""Background jobs of the releases app: thin wrappers around one service each."""

from django.tasks import TaskContext, task

from datadam.releases.build import release_build_run
from datadam.releases.export_run import export_job_run


@task(queue_name="exports")
def export_job_run_task(job_id: int) -> dict:
    job = export_job_run(job_id=job_id)  # runs again from the start after a lost worker, into the same file
    return {"status": job.status, "items": job.items_done}


@task(queue_name="exports", takes_context=True)
def release_build_task(context: TaskContext, release_id: int) -> dict:
    # a second attempt means the reaper found the first one's worker dead: take its build over at once
    release = release_build_run(release_id=release_id, take_over=context.attempt > 1)
    return {"status": release.status, "entries": release.entries_done}
