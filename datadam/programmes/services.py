"""Writes: programmes are set up by the site's administrators (admin pages, demo); operators set their targets."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from datadam.accounts.models import Organization, User
from datadam.audit.services import audit_record
from datadam.core.errors import Invalid
from datadam.programmes import selectors
from datadam.programmes.models import Programme, ProgrammeTarget


@transaction.atomic
def programme_create(
    *, name: str, organizations: list[Organization], operators: list[User], description: str = ""
) -> Programme:
    """For administrators and the demo only: no person's request reaches this."""
    programme, _created = Programme.objects.get_or_create(name=name, defaults={"description": description})
    programme.organizations.add(*organizations)
    programme.operators.add(*operators)
    return programme


@transaction.atomic
def target_set(*, actor: User, programme_id: int, year: int, metric: str, target: int) -> ProgrammeTarget:
    """Set (or change) one of the programme's yearly targets. Only its operators may; others get NotFound."""
    programme = selectors.programme_get(actor=actor, programme_id=programme_id)
    row = ProgrammeTarget.objects.filter(programme=programme, year=year, metric=metric).first()
    row = row or ProgrammeTarget(programme=programme, year=year, metric=metric)
    row.target = target
    try:
        row.full_clean()
    except ValidationError as exc:
        raise Invalid("; ".join(exc.messages) or _("That target cannot be saved.")) from exc
    row.save()
    detail = {"programme": programme.id, "year": year, "metric": metric, "target": target}
    audit_record(actor=actor, action="programme_target.set", target=row, detail=detail)
    return row
