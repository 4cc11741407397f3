"""Reads about courses, cohorts, qualifications and project requirements, scoped to the caller."""

from django.db.models import Q, QuerySet

from datadam.academy.models import Course, ProjectRequirement, Qualification, Role
from datadam.accounts.models import User
from datadam.projects.models import Project


def qualifications_of(user: User) -> QuerySet[Qualification]:
    """The person's own qualifications, newest first."""
    if not user.is_authenticated:
        return Qualification.objects.none()
    return Qualification.objects.filter(user=user).select_related("course").order_by("-granted_at", "-id")


def project_requirement(project: Project) -> ProjectRequirement | None:
    """What the project asks of people who join it; None when it asks nothing."""
    return ProjectRequirement.objects.filter(project=project).select_related("agreement").first()


def _qualifications_matching(user: User, requirement: ProjectRequirement) -> QuerySet[Qualification]:
    roles = [Role.REVIEWER] if requirement.role == Role.REVIEWER else [Role.LABELER, Role.REVIEWER]
    found = qualifications_of(user).filter(data_type=requirement.data_type, role__in=roles)
    if requirement.subject:
        found = found.filter(subject=requirement.subject)
    return found


def user_meets_requirement(user: User, project: Project) -> bool:
    """True when the project asks no qualification, or the person holds one that fits.

    A reviewer qualification also counts for labeler work; a project with a subject area asks for that exact
    area, and one without asks only for the data type.
    """
    requirement = project_requirement(project)
    if requirement is None or not requirement.data_type:
        return True
    return _qualifications_matching(user, requirement).exists()


def course_for_requirement(requirement: ProjectRequirement) -> Course | None:
    """A published course that grants what the requirement asks (the same subject area first), or None."""
    if not requirement.data_type:
        return None
    candidates = Course.objects.filter(Q(subject=requirement.subject) | Q(subject=""), published=True).order_by("id")
    courses = [course for course in candidates if requirement.data_type in (course.data_types or [])]
    if requirement.subject:
        courses = [course for course in courses if course.subject == requirement.subject]
    return courses[0] if courses else None
