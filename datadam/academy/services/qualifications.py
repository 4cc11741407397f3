"""Qualifications, certificates, what projects ask of the people who join them, and participation agreements."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from datadam.academy import permissions, selectors
from datadam.academy.models import (
    Attendance,
    Certificate,
    Course,
    Enrolment,
    EvaluationAttempt,
    ParticipationAgreement,
    ProjectRequirement,
    Qualification,
    Role,
)
from datadam.accounts.models import Organization, User
from datadam.audit.services import audit_record, audit_record_project
from datadam.core.errors import Invalid, NotFound
from datadam.notifications import services as notifications
from datadam.notifications.models import Notification
from datadam.pay import services as pay_services
from datadam.projects import access
from datadam.projects import services as project_services
from datadam.projects.models import Project, ProjectMembership


def _grant(user: User, course: Course, role: str, granted_by: User | None = None) -> list[Qualification]:
    granted = []
    for data_type in course.data_types:
        qualification, _created = Qualification.objects.get_or_create(
            user=user,
            data_type=data_type,
            subject=course.subject,
            role=role,
            defaults={"course": course, "granted_by": granted_by},
        )
        granted.append(qualification)
    return granted


def course_pass(*, user: User, attempt: EvaluationAttempt) -> Certificate:
    """A passed evaluation: qualifications by score, one certificate per course, and the cohort completed when
    its attendance rule is met. Called inside evaluation_submit's transaction."""
    course = attempt.course
    _grant(user, course, Role.LABELER)
    if attempt.score is not None and attempt.score >= course.reviewer_threshold:
        _grant(user, course, Role.REVIEWER)
    certificate, _created = Certificate.objects.get_or_create(
        user=user, course=course, defaults={"attempt": attempt, "holder_name": str(user)}
    )
    enrolment_complete_if_done(user=user, course=course)
    audit_record(actor=user, action="certificate.issue", target=certificate, organization_id=course.organization_id)
    return certificate


def enrolment_complete_if_done(*, user: User, course: Course) -> None:
    """Complete the person's enrolments in the course once they passed and attended the sessions asked for."""
    if not Certificate.objects.filter(user=user, course=course).exists():
        return
    for enrolment in Enrolment.objects.filter(user=user, cohort__course=course, status=Enrolment.Status.ENROLLED):
        required = enrolment.cohort.required_attendance
        attended = Attendance.objects.filter(enrolment=enrolment, present=True).count()
        if attended >= required:
            enrolment.status, enrolment.completed_at = Enrolment.Status.COMPLETED, timezone.now()
            enrolment.save(update_fields=["status", "completed_at"])
            pay_services.ledger_pay_stipend(enrolment=enrolment)


@transaction.atomic
def reviewer_promote(*, actor: User, project: Project, user: User) -> Qualification:
    """A manager promotes one of the project's labelers to reviewer: the reviewer qualification for the project's
    data type (and subject area) and the reviewer role in the project."""
    if not permissions.is_organization_staff(actor, project.organization_id):
        raise NotFound(_("No such project."))
    if not access.has_project_role(user, project, ProjectMembership.Role.LABELER):
        raise Invalid(_("Only a labeler of this project can be promoted here."))
    requirement = selectors.project_requirement(project)
    subject = requirement.subject if requirement else ""
    qualification, _created = Qualification.objects.get_or_create(
        user=user,
        data_type=project.data_type,
        subject=subject,
        role=Role.REVIEWER,
        defaults={"granted_by": actor},
    )
    project_services.project_member_add(actor=actor, project=project, user=user, role="reviewer")
    audit_record_project(
        actor=actor, action="qualification.promote", target=qualification, project=project, detail={"user": user.id}
    )
    notifications.notification_send(
        user=user,
        kind=Notification.Kind.PROMOTION,
        params={"project": project.name},
        url=reverse("projects:detail", args=[project.id]),
    )
    return qualification


@transaction.atomic
def agreement_publish(
    *, actor: User, organization: Organization, key: str, title: str, text_ko: str, text_en: str = ""
) -> ParticipationAgreement:
    """Publish a new version of an agreement (the old versions and their acceptances stay)."""
    if not permissions.is_organization_staff(actor, organization.id):
        raise NotFound(_("No such organization."))
    if not text_ko.strip():
        raise Invalid(_("The agreement needs its text."))
    last = ParticipationAgreement.objects.filter(organization=organization, key=key).order_by("-version").first()
    agreement = ParticipationAgreement.objects.create(
        organization=organization,
        key=key,
        version=(last.version + 1) if last else 1,
        title=title,
        text_ko=text_ko,
        text_en=text_en,
    )
    audit_record(actor=actor, action="agreement.publish", target=agreement, organization_id=organization.id)
    return agreement


@transaction.atomic
def requirement_set(
    *,
    actor: User,
    project: Project,
    data_type: str = "",
    subject: str = "",
    role: str = Role.LABELER,
    agreement: ParticipationAgreement | None = None,
) -> ProjectRequirement | None:
    """Say what a project asks of people who join: a qualification (empty data type: open to anyone) and an
    agreement. Neither: the row is removed."""
    if not permissions.is_organization_staff(actor, project.organization_id):
        raise NotFound(_("No such project."))
    if data_type and data_type not in Project.DataType.values:
        raise Invalid(_("Unknown data type."))
    if role not in Role.values:
        raise Invalid(_("Unknown role: %(role)s") % {"role": role})
    if agreement is not None and agreement.organization_id != project.organization_id:
        raise NotFound(_("No such agreement."))
    if not data_type and agreement is None:
        ProjectRequirement.objects.filter(project=project).delete()
        audit_record_project(actor=actor, action="requirement.clear", target=None, project=project)
        return None
    requirement, _created = ProjectRequirement.objects.update_or_create(
        project=project,
        defaults={"data_type": data_type, "subject": subject.strip(), "role": role, "agreement": agreement},
    )
    audit_record_project(actor=actor, action="requirement.set", target=requirement, project=project)
    return requirement
