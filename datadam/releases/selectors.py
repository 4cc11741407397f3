from django.db.models import QuerySet
from django.utils.translation import gettext as _

from datadam.accounts.selectors import staff_organization_ids
from datadam.core.errors import NotFound
from datadam.releases.models import ExportJob


def export_job_list(*, actor, project_id: int) -> QuerySet[ExportJob]:
    return ExportJob.objects.filter(
        project_id=project_id, project__organization_id__in=staff_organization_ids(actor)
    ).order_by("-created_at")


def export_job_get(*, actor, job_id: int) -> ExportJob:
    job = (
        ExportJob.objects.filter(id=job_id, project__organization_id__in=staff_organization_ids(actor))
        .select_related("project")
        .first()
    )
    if job is None:
        raise NotFound(_("No such export."))
    return job
