from ninja import Router, Status

from datadam.core.types import Id
from datadam.projects import selectors as project_selectors
from datadam.review import schemas, selectors, services

router = Router(tags=["review"])


@router.post("/projects/{project_id}/reviews/next", response={200: schemas.WorkForReviewOut, 204: None})
def review_next(request, project_id: Id):
    """Claim the next submitted work to inspect (or get back your current claim). 204 when none waits."""
    project = project_selectors.project_get(actor=request.auth, project_id=project_id)
    annotation = services.review_claim_next(actor=request.auth, project=project)
    if annotation is None:
        return Status(204, None)
    return selectors.annotation_for_review_get(actor=request.auth, annotation_id=annotation.id)


@router.get("/projects/{project_id}/reviews", response=list[schemas.ReviewOut])
def review_list(request, project_id: Id):
    project = project_selectors.project_get(actor=request.auth, project_id=project_id)
    return selectors.review_list(actor=request.auth, project=project)[:500]


@router.post("/annotations/{annotation_id}/accept", response={201: schemas.ReviewOut})
def review_accept(request, annotation_id: Id, payload: schemas.AcceptIn):
    review = services.review_accept(
        actor=request.auth,
        annotation_id=annotation_id,
        comment=payload.comment,
        active_seconds=payload.active_seconds,
        stage=payload.stage,
    )
    return Status(201, review)


@router.post("/annotations/{annotation_id}/reject", response={201: schemas.ReviewOut})
def review_reject(request, annotation_id: Id, payload: schemas.RejectIn):
    review = services.review_reject(
        actor=request.auth,
        annotation_id=annotation_id,
        reason=payload.reason,
        comment=payload.comment,
        active_seconds=payload.active_seconds,
        stage=payload.stage,
    )
    return Status(201, review)


@router.post("/annotations/{annotation_id}/correct", response={201: schemas.ReviewOut})
def review_correct(request, annotation_id: Id, payload: schemas.CorrectIn):
    review = services.review_correct(
        actor=request.auth,
        annotation_id=annotation_id,
        result=payload.result,
        comment=payload.comment,
        active_seconds=payload.active_seconds,
        stage=payload.stage,
    )
    return Status(201, review)
