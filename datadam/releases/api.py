from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from pydantic import Field

from datadam.core.errors import Conflict
from datadam.core.types import Id
from datadam.projects import selectors as project_selectors
from datadam.releases import responses, schemas, selectors, services
from datadam.releases.models import ExportJob

router = Router(tags=["exports"])


class ExportQuery(Schema):
    file_format: str = Field(default="jsonl", pattern=r"^[a-z0-9_]{1,20}$")
    include: str = Field(default="accepted", pattern=r"^(accepted|all)$")


@router.get(
    "/projects/{project_id}/export",
    response={200: None},
    openapi_extra={
        "responses": {200: {"description": "The export file in the chosen format (JSON Lines by default)"}}
    },
)
def export_stream(request, project_id: Id, query: Query[ExportQuery]):
    """Stream the project's labels. Memory on the server stays flat whatever the size."""
    project = project_selectors.project_managed_get(actor=request.auth, project_id=project_id)
    lines = services.export_stream(
        actor=request.auth, project=project, file_format=query.file_format, include=query.include
    )
    return responses.streamed_export(lines, project_id=project.id, file_format=query.file_format)


@router.get("/projects/{project_id}/export-formats", response=list[schemas.ExportFormatOut])
def export_format_list(request, project_id: Id):
    """Every export format, whether it fits the project's data type and label schema, and if not, why."""
    project = project_selectors.project_managed_get(actor=request.auth, project_id=project_id)
    return selectors.export_format_list(project=project)


@router.post("/projects/{project_id}/exports", response={202: schemas.ExportJobOut})
def export_job_create(request, project_id: Id, payload: schemas.ExportJobCreateIn):
    project = project_selectors.project_managed_get(actor=request.auth, project_id=project_id)
    job = services.export_job_create(
        actor=request.auth, project=project, file_format=payload.file_format, include=payload.include
    )
    return Status(202, job)


@router.get("/projects/{project_id}/exports", response=list[schemas.ExportJobOut])
def export_job_list(request, project_id: Id):
    project = project_selectors.project_managed_get(actor=request.auth, project_id=project_id)
    return selectors.export_job_list(actor=request.auth, project_id=project.id)[:100]


@router.get("/exports/{job_id}", response=schemas.ExportJobOut)
def export_job_get(request, job_id: Id):
    return selectors.export_job_get(actor=request.auth, job_id=job_id)


@router.get("/exports/{job_id}/download", response={200: None})
def export_job_download(request, job_id: Id):
    job = selectors.export_job_get(actor=request.auth, job_id=job_id)
    if job.status != ExportJob.Status.DONE:
        raise Conflict(_("The export is not ready yet."))
    return responses.stored_export(job)


@router.post("/projects/{project_id}/releases", response={202: schemas.ReleaseOut}, tags=["releases"])
def release_cut(request, project_id: Id, payload: schemas.ReleaseCutIn):
    """Freeze the project's labels as a new version and build its files in the background."""
    project = project_selectors.project_managed_get(actor=request.auth, project_id=project_id)
    release = services.release_cut(actor=request.auth, project=project, **payload.dict())
    return Status(202, release)


@router.get("/projects/{project_id}/releases", response=list[schemas.ReleaseOut], tags=["releases"])
def release_list(request, project_id: Id):
    project = project_selectors.project_managed_get(actor=request.auth, project_id=project_id)
    return selectors.release_list(actor=request.auth, project_id=project.id)[:100]


@router.get("/releases/{release_id}", response=schemas.ReleaseOut, tags=["releases"])
def release_get(request, release_id: Id):
    return selectors.release_get_by_id(actor=request.auth, release_id=release_id)


@router.get("/releases/{release_id}/report", response=dict, tags=["releases"])
def release_report(request, release_id: Id):
    """The quality verification report with its sign-off."""
    release = selectors.release_get_by_id(actor=request.auth, release_id=release_id)
    return responses.report_document(release)
