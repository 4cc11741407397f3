from ninja import File, Form, Router, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from datadam.accounts import selectors as account_selectors
from datadam.core.pagination import BoundedLimitOffset
from datadam.core.types import CleanStr, Id
from datadam.projects import schemas, selectors, services
from datadam.projects.imports import services as imports
from datadam.projects.models import ImportBatch

router = Router(tags=["projects"])


@router.get("/projects", response=list[schemas.ProjectOut], by_alias=True)
@paginate(BoundedLimitOffset)
def project_list(request):
    return selectors.project_list_shown(actor=request.auth)


@router.post("/projects", response={201: schemas.ProjectOut}, by_alias=True)
def project_create(request, payload: schemas.ProjectCreateIn):
    organization = account_selectors.organization_get(actor=request.auth, organization_id=payload.organization_id)
    fields = payload.model_dump(by_alias=True, exclude={"organization_id"})
    project = services.project_create(actor=request.auth, organization=organization, **fields)
    return Status(201, project)


@router.get("/projects/{project_id}", response=schemas.ProjectOut, by_alias=True)
def project_get(request, project_id: Id):
    return selectors.project_get(actor=request.auth, project_id=project_id)


@router.patch("/projects/{project_id}", response=schemas.ProjectOut, by_alias=True)
def project_update(request, project_id: Id, payload: schemas.ProjectUpdateIn):
    project = selectors.project_managed_get(actor=request.auth, project_id=project_id)
    changes = payload.model_dump(by_alias=True, exclude_none=True)
    return services.project_update(actor=request.auth, project=project, **changes)


@router.post("/projects/{project_id}/join", response=schemas.MembershipOut)
def project_join(request, project_id: Id, accept_agreement: bool = False):
    """`accept_agreement`: the caller accepts the project's participation agreement (where it has one)."""
    project = selectors.project_get_joinable(actor=request.auth, project_id=project_id)
    return services.project_join(actor=request.auth, project=project, agreement_accepted=accept_agreement)


@router.get("/projects/{project_id}/members", response=list[schemas.MembershipOut])
def project_member_list(request, project_id: Id):
    return selectors.project_member_list(actor=request.auth, project_id=project_id)


@router.post("/projects/{project_id}/members", response={201: schemas.MembershipOut})
def project_member_add(request, project_id: Id, payload: schemas.MemberAddIn):
    project = selectors.project_managed_get(actor=request.auth, project_id=project_id)
    user = account_selectors.user_find(username=payload.username)
    return Status(201, services.project_member_add(actor=request.auth, project=project, user=user, role=payload.role))


@router.get("/projects/{project_id}/items", response=list[schemas.ItemOut])
@paginate(BoundedLimitOffset)
def item_list(request, project_id: Id):
    return selectors.item_list(actor=request.auth, project_id=project_id)


@router.get("/projects/{project_id}/imports", response=list[schemas.ImportBatchOut])
def import_batch_list(request, project_id: Id):
    return selectors.import_batch_list(actor=request.auth, project_id=project_id)


@router.post("/projects/{project_id}/imports", response={201: schemas.ImportBatchOut, 202: schemas.ImportBatchOut})
def import_batch_create(
    request,
    project_id: Id,
    file: File[UploadedFile],
    file_format: CleanStr = Form(""),
    encoding: CleanStr = Form(""),
    text_column: CleanStr = Form("text"),
):
    """Small files are imported before the answer (201); larger ones run in the background (202)."""
    project = selectors.project_managed_get(actor=request.auth, project_id=project_id)
    batch = imports.import_batch_create(
        actor=request.auth,
        project=project,
        upload=file,
        file_name=file.name or "upload",
        file_format=file_format,
        encoding=encoding,
    )
    batch = imports.import_batch_start(batch=batch, text_column=text_column)
    if batch.status == ImportBatch.Status.QUEUED:
        return Status(202, batch)
    return Status(201, imports.import_batch_raise_if_failed(batch))


@router.get("/imports/{batch_id}", response=schemas.ImportBatchOut)
def import_batch_get(request, batch_id: Id):
    return selectors.import_batch_get(actor=request.auth, batch_id=batch_id)
