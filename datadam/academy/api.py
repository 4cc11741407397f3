"""Academy API: thin wrappers over the selectors and services (the pages use the same ones)."""

from ninja import Router, Status

from datadam.academy import schemas, selectors
from datadam.academy.services import cohorts, learning, qualifications
from datadam.core.errors import NotFound
from datadam.core.types import Id
from datadam.projects import selectors as project_selectors

router = Router(tags=["academy"])


def _enrolment_out(enrolment) -> dict:
    return {
        "id": enrolment.id,
        "cohort_id": enrolment.cohort_id,
        "user_id": enrolment.user_id,
        "status": enrolment.status,
        "waitlist_position": cohorts.waitlist_position(enrolment),
        "applied_at": enrolment.applied_at,
    }


@router.get("/academy/courses", response=list[schemas.CourseOut])
def course_list_open(request):
    """Published courses with a cohort taking applications."""
    return selectors.course_list_open(actor=request.auth)


@router.get("/academy/courses/{course_id}", response=schemas.CourseOut)
def course_get(request, course_id: Id):
    return selectors.course_get_for_study(actor=request.auth, course_id=course_id)


@router.post("/academy/courses/{course_id}/cohorts", response={201: schemas.CohortOut})
def cohort_create(request, course_id: Id, payload: schemas.CohortCreateIn):
    course = selectors.course_managed_get(actor=request.auth, course_id=course_id)
    return Status(201, cohorts.cohort_create(actor=request.auth, course=course, **payload.model_dump()))


@router.post("/academy/cohorts/{cohort_code}/apply", response={200: schemas.EnrolmentOut, 201: schemas.EnrolmentOut})
def cohort_apply(request, cohort_code: str, payload: schemas.ApplyIn):
    """Apply by the cohort's public code. Applying again answers 200 with the existing application."""
    cohort = selectors.cohort_get_public(code=cohort_code)
    enrolment, created = cohorts.cohort_apply(
        actor=request.auth,
        cohort=cohort,
        answers=payload.answers,
        consent=payload.consent,
        agreement_accepted=payload.accept_agreement,
    )
    return Status(201 if created else 200, _enrolment_out(enrolment))


@router.get("/academy/enrolments", response=list[schemas.EnrolmentOut])
def enrolment_list_own(request):
    return [_enrolment_out(row) for row in selectors.enrolment_list_own(actor=request.auth)]


@router.post("/academy/enrolments/{enrolment_id}/cancel", response=schemas.EnrolmentOut)
def enrolment_cancel(request, enrolment_id: Id):
    """The applicant cancels their own application, or an operator cancels one in their cohort."""
    try:
        enrolment = selectors.enrolment_get_own(actor=request.auth, enrolment_id=enrolment_id)
    except NotFound:
        enrolment = selectors.enrolment_managed_get(actor=request.auth, enrolment_id=enrolment_id)
    return _enrolment_out(cohorts.enrolment_cancel(actor=request.auth, enrolment=enrolment))


@router.get("/academy/cohorts/{cohort_id}/enrolments", response=list[schemas.EnrolmentOut])
def cohort_enrolment_list(request, cohort_id: Id):
    cohort = selectors.cohort_managed_get(actor=request.auth, cohort_id=cohort_id)
    return [_enrolment_out(row) for row in selectors.enrolment_list_for_cohort(cohort=cohort)]


@router.post("/academy/enrolments/{enrolment_id}/select", response=schemas.EnrolmentOut)
def enrolment_select(request, enrolment_id: Id):
    enrolment = selectors.enrolment_managed_get(actor=request.auth, enrolment_id=enrolment_id)
    return _enrolment_out(cohorts.enrolment_select(actor=request.auth, enrolment=enrolment))


@router.post("/academy/practice-items/{course_item_id}/answer", response=schemas.FeedbackOut)
def practice_answer(request, course_item_id: Id, payload: schemas.PracticeAnswerIn):
    """Right or wrong at once, with the expected answer and the explanation. Unlimited tries."""
    item = selectors.practice_item_get(actor=request.auth, course_item_id=course_item_id)
    return learning.practice_answer(actor=request.auth, course_item=item, answer=payload.answer)


@router.post("/academy/courses/{course_id}/attempts", response={201: schemas.AttemptOut})
def evaluation_start(request, course_id: Id):
    course = selectors.course_get_for_study(actor=request.auth, course_id=course_id)
    return Status(201, learning.evaluation_start(actor=request.auth, course=course))


@router.post("/academy/attempts/{attempt_id}/submit", response=schemas.AttemptOut)
def evaluation_submit(request, attempt_id: Id, payload: schemas.AttemptSubmitIn):
    attempt = selectors.attempt_get_own(actor=request.auth, attempt_id=attempt_id)
    return learning.evaluation_submit(actor=request.auth, attempt=attempt, answers=payload.answers)


@router.get("/academy/qualifications", response=list[schemas.QualificationOut])
def qualification_list_own(request):
    return selectors.qualifications_of(request.auth)


@router.put("/academy/projects/{project_id}/requirement", response={200: schemas.RequirementOut, 204: None})
def requirement_set(request, project_id: Id, payload: schemas.RequirementIn):
    """What a project asks of people who join; an empty data type makes it open to anyone (204)."""
    project = project_selectors.project_managed_get(actor=request.auth, project_id=project_id)
    requirement = qualifications.requirement_set(actor=request.auth, project=project, **payload.model_dump())
    return requirement if requirement is not None else Status(204, None)
