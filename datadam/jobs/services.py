"""Writes for the job board: a manager publishes or closes a posting; a qualified worker joins from the board."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from datadam.accounts.models import User
from datadam.audit.services import audit_record_project
from datadam.core.errors import Invalid, NotFound, PermissionDenied
from datadam.jobs import permissions, requirements, selectors
from datadam.jobs.models import JobPosting
from datadam.projects import services as project_services
from datadam.projects.models import Project, ProjectMembership

# What a manager may set on a posting, in the order the posting form shows it.
POSTING_FIELDS = (
    "labeler_openings",
    "reviewer_openings",
    "duration_weeks",
    "mode",
    "location",
    "language",
    "deadline",
    "is_open",
)


@transaction.atomic
def posting_publish(*, actor: User, project: Project, **fields: object) -> JobPosting:
    """Create or update the project's posting (one per project). Only the organization's staff may."""
    unknown = set(fields) - set(POSTING_FIELDS)
    if unknown:
        raise Invalid(_("These fields cannot be set: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    if not permissions.can_publish_posting(actor, project):
        raise NotFound(_("No such project."))
    posting = JobPosting.objects.select_for_update().filter(project=project).first()
    created = posting is None
    if created:
        posting = JobPosting(project=project, created_by=actor)
    for name, value in fields.items():
        setattr(posting, name, value)
    try:
        posting.full_clean()
    except ValidationError as exc:
        raise Invalid("; ".join(exc.messages)) from exc
    posting.save()
    detail = {"fields": sorted(fields), "is_open": posting.is_open}
    action = "job_posting.publish" if created else "job_posting.update"
    audit_record_project(actor=actor, action=action, target=posting, project=project, detail=detail)
    return posting


def join_refusal(*, actor: User, project: Project) -> str | None:
    """Why the actor may not join from the board, in words for them (naming the course to take), or None."""
    if requirements.meets(actor, project):
        return None
    requirement = requirements.requirement_of(project)
    course = requirements.course_for(requirement)
    needed = requirements.requirement_label(requirement)
    if course is None:
        return _("This job needs the %(needed)s.") % {"needed": needed}
    return _("This job needs the %(needed)s. The course “%(course)s” gives it.") % {
        "needed": needed,
        "course": course.title,
    }


@transaction.atomic
def job_join(*, actor: User, posting: JobPosting, agreement_accepted: bool = False) -> ProjectMembership:
    """A worker joins the project of a public posting as a labeler, if they hold the qualification it asks
    (and accept its participation agreement, which the academy checks and records)."""
    project = posting.project
    if not selectors.job_list_public().filter(id=posting.id).exists():  # closed, expired, invite-only or hidden
        raise PermissionDenied(_("This job is not taking new people."))
    refusal = join_refusal(actor=actor, project=project)
    if refusal:
        raise PermissionDenied(refusal)
    return project_services.project_join(actor=actor, project=project, agreement_accepted=agreement_accepted)
