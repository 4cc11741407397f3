"""Reads of career records and graduates' outcomes. Outcomes are seen only by the organization that trained the
person (its staff, and the operators of a programme it belongs to)."""

from django.db.models import Count, Q, QuerySet, Sum
from django.utils.translation import gettext as _

from datadam.academy import selectors as academy
from datadam.academy.models import Certificate, Cohort, Enrolment
from datadam.accounts.models import Organization, User
from datadam.careers.models import CareerShare, Outcome, PartnerEmployer
from datadam.careers.oversight import overseen_organizations_filter
from datadam.core.errors import NotFound
from datadam.labeling.models import Annotation
from datadam.projects import access
from datadam.projects.models import ProjectMembership

REVIEWED = [Annotation.Status.ACCEPTED, Annotation.Status.REJECTED, Annotation.Status.CORRECTED]
TRAINED = [Enrolment.Status.ENROLLED, Enrolment.Status.COMPLETED]


def career_record(*, person: User) -> dict:
    """The record a worker shares: qualifications, certificates, projects, accepted items, hours, accuracy."""
    annotations = Annotation.objects.filter(author=person, project__hidden=False)
    per_project = {
        row["project_id"]: row
        for row in annotations.values("project_id").annotate(
            accepted=Count("id", filter=Q(status=Annotation.Status.ACCEPTED)),
            reviewed=Count("id", filter=Q(status__in=REVIEWED)),
            seconds=Sum("active_seconds"),
        )
    }
    memberships = (
        ProjectMembership.objects.filter(user=person, project__hidden=False)
        .select_related("project", "project__organization")
        .order_by("joined_at")
    )
    projects = [
        {
            "membership": membership,
            **per_project.get(membership.project_id, {"accepted": 0, "reviewed": 0, "seconds": 0}),
        }
        for membership in memberships
    ]
    totals = annotations.aggregate(
        accepted=Count("id", filter=Q(status=Annotation.Status.ACCEPTED)),
        reviewed=Count("id", filter=Q(status__in=REVIEWED)),
        seconds=Sum("active_seconds"),
    )
    seconds = totals["seconds"] or 0
    return {
        "person": person,
        "qualifications": list(academy.qualifications_of(person)),
        "certificates": list(Certificate.objects.filter(user=person).select_related("course").order_by("issued_at")),
        "projects": projects,
        "accepted": totals["accepted"],
        "reviewed": totals["reviewed"],
        "active_hours": round(seconds / 3600, 1),
        "accuracy": totals["accepted"] / totals["reviewed"] if totals["reviewed"] else None,
    }


def share_of(*, actor: User) -> CareerShare | None:
    return CareerShare.objects.filter(user=actor).first()


def career_record_shared(*, code: str) -> dict:
    """The record behind a public link; a turned-off or unknown link is NotFound."""
    share = CareerShare.objects.filter(code=code, enabled=True).select_related("user").first() if code else None
    if share is None:
        raise NotFound(_("No such career record, or its owner has turned the link off."))
    return career_record(person=share.user)


def outcome_organization_ids(actor) -> QuerySet:
    """Organizations whose graduates' outcomes the actor may see and record: their staff's own, and those in a
    programme the actor operates."""
    if not actor.is_authenticated:
        return Organization.objects.none().values("id")
    overseen = overseen_organizations_filter(actor)  # a programme's operators: registered by programmes
    return Organization.objects.filter(access.staff_filter(actor, field="pk") | overseen).values("id")


def outcome_organizations(*, actor) -> QuerySet[Organization]:
    return Organization.objects.filter(id__in=outcome_organization_ids(actor)).order_by("name")


def outcome_list(*, actor) -> QuerySet[Outcome]:
    return (
        access.scope_to_organizations(Outcome.objects.all(), outcome_organization_ids(actor))
        .select_related("organization", "person", "cohort__course", "employer")
        .order_by("-happened_on", "-id")
    )


def outcome_get(*, actor, outcome_id: int) -> Outcome:
    outcome = outcome_list(actor=actor).filter(id=outcome_id).first()
    if outcome is None:
        raise NotFound(_("No such outcome."))
    return outcome


def employer_list(*, actor) -> QuerySet[PartnerEmployer]:
    return (
        access.scope_to_organizations(PartnerEmployer.objects.all(), outcome_organization_ids(actor))
        .select_related("organization")
        .prefetch_related("cohorts__course")
        .order_by("name")
    )


def employer_get(*, actor, employer_id: int) -> PartnerEmployer:
    employer = employer_list(actor=actor).filter(id=employer_id).first()
    if employer is None:
        raise NotFound(_("No such employer."))
    return employer


def cohort_list_of(*, organization_ids) -> QuerySet[Cohort]:
    """Cohorts of the organizations' courses."""
    return access.scope_to_organizations(Cohort.objects.all(), organization_ids, "course__organization").select_related(
        "course"
    )


def trained_by(*, person: User, organization: Organization) -> bool:
    """Whether the person was enrolled in (or completed) a cohort of one of the organization's courses."""
    return Enrolment.objects.filter(user=person, cohort__course__organization=organization, status__in=TRAINED).exists()


def graduate_list(*, actor) -> QuerySet[User]:
    """People trained by the organizations the actor records outcomes for (for the form's choices)."""
    return (
        # One filter() call, so the same enrolment is both in the organization's course and trained.
        User.objects.filter(
            access.organization_filter(outcome_organization_ids(actor), "enrolments__cohort__course__organization"),
            enrolments__status__in=TRAINED,
        )
        .distinct()
        .order_by("username")
    )
