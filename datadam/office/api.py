from django.utils import timezone
from ninja import Router, Schema

from datadam.core.types import Id
from datadam.office import commitments, selectors

router = Router(tags=["office"])


class FigureOut(Schema):
    key: str
    label: str
    actual: float | None
    target: float | None
    unit: str
    status: str
    how: str


@router.get("/office/data-projects/{data_project_id}/commitments", response=list[FigureOut])
def commitments_get(request, data_project_id: Id):
    """Every commitment of a data project measured today, with its traffic light and how it was computed."""
    data_project = selectors.data_project_get(actor=request.auth, data_project_id=data_project_id)
    return commitments.figures_on(data_project, timezone.localdate())
