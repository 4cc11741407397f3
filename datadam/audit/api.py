from ninja import Query, Router
from ninja.pagination import LimitOffsetPagination, paginate

from datadam.audit import schemas, selectors

router = Router(tags=["audit"])


@router.get("/audit-events", response=list[schemas.AuditEventOut])
@paginate(LimitOffsetPagination)
def audit_event_list(request, filters: Query[schemas.AuditFilter]):
    """The activity log of the organizations you manage, newest first."""
    return selectors.audit_event_list(actor=request.auth, **filters.model_dump())
