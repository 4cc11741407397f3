"""The job board's view of the academy: what a project requires, who meets it, and the course that grants it.

The academy owns qualifications and project requirements; this module only calls its selectors.
"""

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from datadam.academy import selectors as academy
from datadam.academy.models import Course, ParticipationAgreement, ProjectRequirement, Role
from datadam.projects.models import Project


def requirement_of(project: Project) -> ProjectRequirement | None:
    """The project's requirement, or None when it asks for no qualification."""
    requirement = academy.project_requirement(project)
    return requirement if requirement is not None and requirement.data_type else None


def requirement_label(requirement: ProjectRequirement | None) -> str:
    """In plain words: "Labeler qualification for text (medical)"; empty when nothing is asked."""
    if requirement is None:
        return ""
    role = Role(requirement.role).label
    data_type = Project.DataType(requirement.data_type).label
    if requirement.subject:
        return _("%(role)s qualification for %(data_type)s (%(subject)s)") % {
            "role": role,
            "data_type": data_type,
            "subject": requirement.subject,
        }
    return _("%(role)s qualification for %(data_type)s") % {"role": role, "data_type": data_type}


def agreement_of(project: Project) -> ParticipationAgreement | None:
    """The participation agreement a person accepts when joining, if the project has one."""
    requirement = academy.project_requirement(project)
    return requirement.agreement if requirement is not None else None


def course_for(requirement: ProjectRequirement | None) -> Course | None:
    return academy.course_for_requirement(requirement) if requirement is not None else None


def meets(actor, project: Project) -> bool:
    return bool(actor.is_authenticated and academy.user_meets_requirement(actor, project))


def projects_with_requirement() -> QuerySet:
    return ProjectRequirement.objects.exclude(data_type="").values("project_id")


def projects_open_to(actor) -> list[int]:
    """Ids of projects on the board whose requirement the actor meets (or that need none)."""
    if not actor.is_authenticated:
        return []
    projects = Project.objects.filter(job_posting__is_open=True, hidden=False)
    return [project.id for project in projects if meets(actor, project)]
