"""Background jobs of the quality app: thin wrappers around one service each."""

from django.tasks import task

from datadam.projects.models import Project
from datadam.quality import consensus, inspection


@task(queue_name="default")
def quality_refresh_task(project_id: int) -> dict:
    """Consensus with dynamic overlap, then the full inspection lots, for one project."""
    project = Project.objects.get(id=project_id)
    result = consensus.consensus_refresh(project=project)
    return {**result, "lots": len(inspection.lots_form(project=project))}
