from django.utils.translation import gettext as _
from ninja import Router, Status

from datadam.core.errors import Invalid
from datadam.core.types import Id
from datadam.labeling import pages, schemas, selectors, services
from datadam.projects import selectors as project_selectors
from datadam.projects import withheld

router = Router(tags=["labeling"])


@router.post("/projects/{project_id}/tasks/next", response={200: schemas.AssignmentOut, 204: None})
def task_next(request, project_id: Id):
    """Lease the next task (or get back the one in progress). 204 when nothing is left for you."""
    assignment = services.assignment_lease_next_in(actor=request.auth, project_id=project_id)
    if assignment is None:
        return Status(204, None)
    return assignment


@router.post("/projects/{project_id}/pages/next", response={200: schemas.PageOut, 204: None})
def page_next(request, project_id: Id):
    """Lease a page of tasks (or get back the page in progress): as many as the project's items_per_page,
    fewer at the end of the queue, one alone when it is rework. 204 when nothing is left for you."""
    project = project_selectors.project_for_labeler_get(actor=request.auth, project_id=project_id)
    tasks = pages.page_lease(actor=request.auth, project=project)
    if not tasks:
        return Status(204, None)
    return {"tasks": tasks}


@router.post("/projects/{project_id}/pages/submit", response={200: schemas.PageResultOut, 201: schemas.PageResultOut})
def page_submit(request, project_id: Id, payload: schemas.PageIn):
    """All the page's answers or none: one outside the schema refuses the page (422 naming the item).
    Idempotent: a retry answers 200 with the annotations stored the first time under `already`."""
    project = project_selectors.project_for_labeler_get(actor=request.auth, project_id=project_id)
    answers = {answer.assignment_id: answer.result for answer in payload.answers}
    if len(answers) != len(payload.answers):
        raise Invalid(_("Each task may be answered once on a page."))
    outcome = pages.page_submit(
        actor=request.auth, project=project, answers=answers, active_seconds=payload.active_seconds
    )
    return Status(201 if outcome.created else 200, outcome)


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
