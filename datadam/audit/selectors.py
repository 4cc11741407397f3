"""Audit events are read by the staff of the organization they belong to, and by nobody else."""

from datetime import date, datetime, time

from django.db.models import QuerySet
from django.utils import timezone

from datadam.audit.models import AuditEvent
from datadam.audit.readers import readable_organizations_filter


def audit_event_list(
    *,
    actor,
    action: str = "",
    username: str = "",
    project_id: int | None = None,
    since: date | None = None,
    until: date | None = None,
) -> QuerySet[AuditEvent]:
    """Newest first. `action` is one action ("quality.pause", not also "quality.pause_lift") or the part
    before its dot, so "annotation" finds every annotation event."""
    events = AuditEvent.objects.filter(readable_organizations_filter(actor))  # the staff, as accounts says
    if "." in action:
        events = events.filter(action=action)
    elif action:
        events = events.filter(action__startswith=f"{action}.")
    if username:
        events = events.filter(actor__username=username)
    if project_id:
        events = events.filter(project_id=project_id)
    if since:
        events = events.filter(created_at__gte=_start_of(since))
    if until:
        events = events.filter(created_at__lt=_start_of(until) + timezone.timedelta(days=1))
    return events.select_related("actor", "project").order_by("-created_at", "-id")


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def audit_action_names(*, actor) -> list[str]:
    names = AuditEvent.objects.filter(readable_organizations_filter(actor)).values_list("action", flat=True)
    return sorted(set(names.distinct()))
