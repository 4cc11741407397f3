"""The academy's part of joining a project: the qualification it asks for and its participation agreement.

AcademyConfig.ready registers these two as a join gate (projects.join_gates), which project_join asks.
"""

from django.utils.translation import gettext as _

from datadam.academy import selectors
from datadam.academy.models import AgreementAcceptance
from datadam.accounts.models import User
from datadam.core.errors import PermissionDenied
from datadam.projects.join_gates import AgreementRequired
from datadam.projects.models import Project

__all__ = ["AgreementRequired", "project_join_check", "project_join_record"]


def project_join_check(*, actor: User, project: Project, agreement_accepted: bool) -> None:
    """Asked by projects.services.project_join before anyone joins: the qualification (403 naming the course
    that grants it) and the participation agreement."""
    requirement = selectors.project_requirement(project)
    if requirement is None:
        return
    if not selectors.user_meets_requirement(actor, project):
        course = selectors.course_for_requirement(requirement)
        if course is not None:
            message = _("This project asks for a qualification. Pass the course %(course)s to get it.")
            raise PermissionDenied(message % {"course": course.title})
        raise PermissionDenied(_("This project asks for a qualification you do not have yet."))
    if requirement.agreement_id and not agreement_accepted:
        raise AgreementRequired(_("Please read and accept the participation agreement to join."))


def project_join_record(*, actor: User, project: Project) -> None:
    """Record that the person accepted the project's participation agreement (the version in force)."""
    requirement = selectors.project_requirement(project)
    if requirement is not None and requirement.agreement_id:
        AgreementAcceptance.objects.get_or_create(
            agreement_id=requirement.agreement_id, user=actor, context=f"project:{project.id}"
        )
