"""Record audit events. Called explicitly by every service that changes state, inside its transaction,
so an event exists exactly when its change was committed."""

from django.db import models
from django.utils import timezone

from datadam.audit.models import AuditEvent
from datadam.core.rows import row_insert


def audit_record(
    *,
    actor,
    action: str,
    target: models.Model | None = None,
    organization_id: int | None = None,
    project_id: int | None = None,
    detail: dict | None = None,
) -> AuditEvent:
    """`action` reads "<entity>.<verb>" (e.g. "annotation.submit"), matching the service's name.

    Written as one plain INSERT: every lease and submit records one, and the ORM's save costs more here than
    the insert itself."""
    values = audit_values(
        actor=actor,
        action=action,
        object_type=target._meta.model_name if target is not None else "",
        organization_id=organization_id,
        project_id=project_id,
        detail=detail,
    )
    values["object_id"] = target.pk if target is not None else None
    return AuditEvent(id=row_insert(AuditEvent, values), **values)


def audit_values(
    *, actor, action: str, object_type: str, organization_id: int | None, project_id: int | None, detail: dict | None
) -> dict:
    """An event's columns but its object's id: for a service that writes the event in the same statement
    as the object it is about (the annotator loop on PostgreSQL)."""
    return {
        "actor_id": actor.pk if actor is not None and actor.is_authenticated else None,
        "action": action,
        "object_type": object_type,
        "organization_id": organization_id,
        "project_id": project_id,
        "detail": detail or {},
        "created_at": timezone.now(),
    }


def audit_record_each(
    *, actor, action: str, targets: list[models.Model], project, details: list[dict] | None = None
) -> None:
    """One event per target inside a project, written in one INSERT (a task page's leases and answers)."""
    actor_id = actor.pk if actor is not None and actor.is_authenticated else None
    details = details or [{} for _target in targets]
    AuditEvent.objects.bulk_create(
        AuditEvent(
            actor_id=actor_id,
            action=action,
            object_type=target._meta.model_name,
            object_id=target.pk,
            organization_id=project.organization_id,
            project_id=project.id,
            detail=detail,
        )
        for target, detail in zip(targets, details, strict=True)
    )


def audit_record_project(
    *, actor, action: str, target: models.Model | None, project, detail: dict | None = None
) -> None:
    """The common case: an event about something inside a project, visible to the project's organization."""
    audit_record(
        actor=actor,
        action=action,
        target=target,
        organization_id=project.organization_id,
        project_id=project.id,
        detail=detail,
    )
