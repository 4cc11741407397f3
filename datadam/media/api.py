"""Media API: an item's viewable media, and media imports (files, ZIP, URL list) with their progress."""

from ninja import File, Router, Status
from ninja.files import UploadedFile

from datadam.core.types import Id
from datadam.media import imports, schemas, selectors
from datadam.projects import selectors as project_selectors

router = Router(tags=["media"])


@router.get("/items/{item_id}/media", response=dict[str, schemas.MediaOut])
def item_media_get(request, item_id: Id):
    """Per data field ("image", "audio"): an expiring link for the caller, with what the probe found."""
    item = selectors.item_visible_get(actor=request.auth, item_id=item_id)
    return selectors.item_media(request.auth, item)


@router.post("/projects/{project_id}/media/imports", response={202: schemas.MediaImportOut})
def media_import_create(request, project_id: Id, files: File[list[UploadedFile]]):
    """Many image or audio files, or one ZIP. The import runs in the background: poll the import for progress."""
    project = project_selectors.project_managed_get(actor=request.auth, project_id=project_id)
    if len(files) == 1 and (files[0].name or "").lower().endswith(".zip"):
        batch = imports.media_import_create_zip(
            actor=request.auth, project=project, upload=files[0], file_name=files[0].name
        )
    else:
        batch = imports.media_import_create_files(actor=request.auth, project=project, uploads=files)
    return Status(202, imports.media_import_start(batch=batch))


@router.post("/projects/{project_id}/media/imports/urls", response={202: schemas.MediaImportOut})
def media_import_create_urls(request, project_id: Id, payload: schemas.MediaUrlsIn):
    project = project_selectors.project_managed_get(actor=request.auth, project_id=project_id)
    batch = imports.media_import_create_urls(actor=request.auth, project=project, urls=payload.urls)
    return Status(202, imports.media_import_start(batch=batch))


@router.get("/media/imports/{media_import_id}", response=schemas.MediaImportDetailOut)
def media_import_get(request, media_import_id: Id):
    batch = selectors.media_import_get(actor=request.auth, batch_id=media_import_id)
    batch.unreadable = list(selectors.media_unreadable_list(batch=batch)[:1000])
    return batch
