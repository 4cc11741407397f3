"""Writes: a worker turns their career link on or off; operators record graduates' outcomes and partner employers."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from datadam.academy.models import Cohort
from datadam.accounts.models import Organization, User
from datadam.audit.services import audit_record
from datadam.careers import selectors
from datadam.careers.models import CareerShare, Outcome, PartnerEmployer, new_share_code
from datadam.core.errors import Invalid, NotFound


@transaction.atomic
def career_share_set(*, actor: User, enabled: bool) -> CareerShare:
    """Turn the public link on (with a fresh code, so an old copy of the link stays dead) or off."""
    share, _created = CareerShare.objects.select_for_update().get_or_create(user=actor)
    if enabled and not share.enabled:
        share.code = new_share_code()
    share.enabled = enabled
    share.save()
    audit_record(actor=actor, action="career_share.enable" if enabled else "career_share.disable", target=share)
    return share


def _check_organization(actor: User, organization: Organization) -> None:
    if not selectors.outcome_organizations(actor=actor).filter(id=organization.id).exists():
        raise NotFound(_("No such organization."))


def _check_outcome_fields(
    organization: Organization, person: User, cohort: Cohort | None, employer: PartnerEmployer | None
) -> None:
    if not selectors.trained_by(person=person, organization=organization):
        raise Invalid(
            _("%(name)s was not trained by %(organization)s.") % {"name": person, "organization": organization}
        )
    if cohort is not None and cohort.course.organization_id != organization.id:
        raise Invalid(_("That cohort is not one of %(organization)s's.") % {"organization": organization})
    if employer is not None and employer.organization_id != organization.id:
        raise Invalid(_("That employer is not one of %(organization)s's partners.") % {"organization": organization})


@transaction.atomic
def outcome_record(
    *,
    actor: User,
    organization: Organization,
    person: User,
    kind: str,
    happened_on: date,
    cohort: Cohort | None = None,
    employer: PartnerEmployer | None = None,
    employer_name: str = "",
    note: str = "",
) -> Outcome:
    """Record what became of a graduate. Only for people the organization trained, by its staff or operators."""
    _check_organization(actor, organization)
    _check_outcome_fields(organization, person, cohort, employer)
    outcome = Outcome(
        organization=organization,
        person=person,
        kind=kind,
        happened_on=happened_on,
        cohort=cohort,
        employer=employer,
        employer_name=employer_name,
        note=note,
        recorded_by=actor,
    )
    _save(outcome)
    detail = {"kind": kind, "person": person.username}
    audit_record(actor=actor, action="outcome.record", target=outcome, organization_id=organization.id, detail=detail)
    return outcome


def _save(row) -> None:
    try:
        row.full_clean()
    except ValidationError as exc:
        raise Invalid("; ".join(exc.messages)) from exc
    row.save()


OUTCOME_EDITABLE = {"kind", "happened_on", "cohort", "employer", "employer_name", "note"}


@transaction.atomic
def outcome_update(*, actor: User, outcome: Outcome, **changes: object) -> Outcome:
    unknown = set(changes) - OUTCOME_EDITABLE
    if unknown:
        raise Invalid(_("These fields cannot be changed: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    outcome = selectors.outcome_get(actor=actor, outcome_id=outcome.id)
    for name, value in changes.items():
        setattr(outcome, name, value)
    _check_outcome_fields(outcome.organization, outcome.person, outcome.cohort, outcome.employer)
    _save(outcome)
    audit_record(
        actor=actor,
        action="outcome.update",
        target=outcome,
        organization_id=outcome.organization_id,
        detail={"fields": sorted(changes)},
    )
    return outcome


@transaction.atomic
def outcome_delete(*, actor: User, outcome: Outcome) -> None:
    outcome = selectors.outcome_get(actor=actor, outcome_id=outcome.id)
    audit_record(actor=actor, action="outcome.delete", target=outcome, organization_id=outcome.organization_id)
    outcome.delete()


@transaction.atomic
def employer_save(
    *,
    actor: User,
    organization: Organization,
    name: str,
    contact: str = "",
    cohorts: list[Cohort] | None = None,
    employer: PartnerEmployer | None = None,
) -> PartnerEmployer:
    """Add a partner employer (or change one) and link it to cohorts of the organization's courses."""
    _check_organization(actor, organization)
    if employer is not None:
        employer = selectors.employer_get(actor=actor, employer_id=employer.id)
        if employer.organization_id != organization.id:
            raise NotFound(_("No such employer."))
    cohorts = cohorts or []
    if any(cohort.course.organization_id != organization.id for cohort in cohorts):
        raise Invalid(_("That cohort is not one of %(organization)s's.") % {"organization": organization})
    if (
        PartnerEmployer.objects.filter(organization=organization, name=name)
        .exclude(id=employer.id if employer else None)
        .exists()
    ):
        raise Invalid(_("%(name)s is already a partner.") % {"name": name})
    employer = employer or PartnerEmployer(organization=organization)
    employer.name, employer.contact = name, contact
    _save(employer)
    employer.cohorts.set(cohorts)
    audit_record(actor=actor, action="partner_employer.save", target=employer, organization_id=organization.id)
    return employer
