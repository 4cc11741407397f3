from ninja import Query, Router
from ninja.pagination import paginate

from datadam.audit import schemas, selectors
from datadam.core.pagination import BoundedLimitOffset

router = Router(tags=["audit"])


@router.get("/audit-events", response=list[schemas.AuditEventOut])
@paginate(BoundedLimitOffset)
def audit_event_list(request, filters: Query[schemas.AuditFilter]):
    """The activity log of the organizations you manage, newest first."""
    return selectors.audit_event_list(actor=request.auth, **filters.model_dump())
