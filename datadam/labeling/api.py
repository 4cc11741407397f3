from ninja import Router, Status

from datadam.core.types import Id
from datadam.labeling import schemas, selectors, services
from datadam.projects import selectors as project_selectors
from datadam.projects import withheld

router = Router(tags=["labeling"])


@router.post("/projects/{project_id}/tasks/next", response={200: schemas.AssignmentOut, 204: None})
def task_next(request, project_id: Id):
    """Lease the next task (or get back the one in progress). 204 when nothing is left for you."""
    project = project_selectors.project_for_labeler_get(actor=request.auth, project_id=project_id)
    assignment = services.assignment_lease_next(actor=request.auth, project=project)
    if assignment is None:
        return Status(204, None)
    return assignment


@router.get("/assignments/{assignment_id}", response=schemas.AssignmentOut)
def assignment_get(request, assignment_id: Id):
    assignment = selectors.assignment_get(actor=request.auth, assignment_id=assignment_id)
    withheld.item_check_shown(assignment.item)
    return assignment


@router.put("/assignments/{assignment_id}/draft", response=schemas.AssignmentOut)
def assignment_draft_save(request, assignment_id: Id, payload: schemas.ResultIn):
    services.assignment_draft_save(actor=request.auth, assignment_id=assignment_id, result=payload.result)
    return selectors.assignment_get(actor=request.auth, assignment_id=assignment_id)


@router.post("/assignments/{assignment_id}/submit", response={200: schemas.AnnotationOut, 201: schemas.AnnotationOut})
def annotation_submit(request, assignment_id: Id, payload: schemas.ResultIn):
    """Idempotent: a retry of the same submit answers 200 with the annotation stored the first time."""
    annotation, created = services.annotation_submit(
        actor=request.auth, assignment_id=assignment_id, result=payload.result, active_seconds=payload.active_seconds
    )
    return Status(201 if created else 200, annotation)


@router.post("/assignments/{assignment_id}/skip", response=schemas.AssignmentOut)
def assignment_skip(request, assignment_id: Id):
    services.assignment_skip(actor=request.auth, assignment_id=assignment_id)
    return selectors.assignment_get(actor=request.auth, assignment_id=assignment_id)


@router.get("/projects/{project_id}/annotations/mine", response=list[schemas.AnnotationOut])
def annotation_list_mine(request, project_id: Id):
    project = project_selectors.project_get(actor=request.auth, project_id=project_id)
    return selectors.annotation_list_mine(actor=request.auth, project=project)
