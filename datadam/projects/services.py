"""Writes about projects and their members. Imports live in projects/imports/."""

import markdown_it
import nh3
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from datadam.accounts.models import Organization, User
from datadam.audit.services import audit_record_project
from datadam.core.errors import Invalid, NotFound, PermissionDenied
from datadam.projects import join_gates, permissions
from datadam.projects.models import MAX_RATE, Project, ProjectMembership
from datadam.projects.schema.controls import traits_of
from datadam.projects.schema.validate import schema_parse

_markdown = markdown_it.MarkdownIt("commonmark", {"html": False}).enable("table")


def guideline_html(markdown_text: str) -> SafeString:
    """Render a guideline: raw HTML is off in the parser, and nh3 cleans what Markdown makes.

    The one place guideline HTML is marked safe is here, right after the sanitizer, so templates never
    need `|safe` and nothing unsanitized can reach a page as markup.
    """
    cleaned = nh3.clean(_markdown.render(markdown_text or ""), link_rel="noopener noreferrer nofollow")
    return mark_safe(cleaned)  # sanitized by nh3 on the line above


def _full_clean(project: Project) -> None:
    try:
        project.full_clean(exclude=["organization", "created_by"])
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise Invalid(f"{field}: {' '.join(messages)}") from None


def _check_page_fits(project: Project) -> None:
    """Several items share a page only when each is answered with plain form fields (choices, ratings, text):
    a drawing widget (spans, boxes, audio segments) takes a page of its own."""
    if project.items_per_page == 1:
        return
    drawn = [control.name for control in schema_parse(project.schema).controls if traits_of(control).widget]
    if drawn:
        raise Invalid(
            _("A page of several items takes plain choices, ratings and text only; these need a page each: %(names)s")
            % {"names": ", ".join(drawn)}
        )


def _check_rates(**rates: object) -> None:
    """Whole won from 0 to MAX_RATE, so a typed extra zero or two is caught before anyone is paid."""
    for field, rate in rates.items():
        if not isinstance(rate, int) or isinstance(rate, bool) or not 0 <= rate <= MAX_RATE:
            message = _("%(field)s: a whole number of won from 0 to %(max)s.")
            raise Invalid(message % {"field": field, "max": f"{MAX_RATE:,}"})


@transaction.atomic
def project_create(
    *,
    actor: User,
    organization: Organization,
    name: str,
    schema: dict,
    data_type: str = Project.DataType.TEXT,
    description: str = "",
    guideline: str = "",
    default_overlap: int = 1,
    lease_seconds: int = 1800,
    items_per_page: int = 1,
    join_policy: str = Project.JoinPolicy.OPEN,
    rate_per_item: int = 0,
    rate_per_review: int = 0,
    pay_on: str = Project.PayOn.ACCEPT,
    correction_pay: str = Project.CorrectionPay.HALF,
) -> Project:
    """Only an organization's staff create its projects. The schema and the rates are checked before anything
    is written."""
    schema_parse(schema)
    _check_rates(rate_per_item=rate_per_item, rate_per_review=rate_per_review)
    project = Project(
        organization=organization,
        name=name,
        schema=schema,
        data_type=data_type,
        description=description,
        guideline=guideline,
        default_overlap=default_overlap,
        lease_seconds=lease_seconds,
        items_per_page=items_per_page,
        join_policy=join_policy,
        rate_per_item=rate_per_item,
        rate_per_review=rate_per_review,
        pay_on=pay_on,
        correction_pay=correction_pay,
        created_by=actor,
    )
    if not permissions.is_project_staff(actor, project):
        raise NotFound(_("No such organization."))
    _full_clean(project)
    _check_page_fits(project)
    project.save()
    audit_record_project(actor=actor, action="project.create", target=project, project=project)
    return project


PROJECT_EDITABLE_FIELDS = {
    "name",
    "description",
    "guideline",
    "schema",
    "default_overlap",
    "lease_seconds",
    "items_per_page",
    "join_policy",
    "rate_per_item",
    "rate_per_review",
    "pay_on",
    "correction_pay",
}


@transaction.atomic
def project_update(*, actor: User, project: Project, **changes: object) -> Project:
    unknown = set(changes) - PROJECT_EDITABLE_FIELDS
    if unknown:
        raise Invalid(_("These fields cannot be changed: %(fields)s") % {"fields": ", ".join(sorted(unknown))})
    if not permissions.can_manage_project(actor, project):
        raise NotFound(_("No such project."))
    if "schema" in changes:
        schema_parse(changes["schema"])
    _check_rates(**{field: changes[field] for field in ("rate_per_item", "rate_per_review") if field in changes})
    for field, value in changes.items():
        setattr(project, field, value)
    _full_clean(project)
    _check_page_fits(project)
    project.save(update_fields=list(changes))
    detail = {"fields": sorted(changes)}
    audit_record_project(actor=actor, action="project.update", target=project, project=project, detail=detail)
    return project


@transaction.atomic
def project_join(*, actor: User, project: Project, agreement_accepted: bool = False) -> ProjectMembership:
    """A crowd worker joins an open project as a labeler. Joining twice is harmless.

    Where the project asks for an academy qualification or a participation agreement, the gate the academy
    registers checks it (403 naming the course to take) and records the acceptance."""
    if not permissions.can_join(actor, project):
        raise PermissionDenied(_("This project is open to invited members only."))
    join_gates.join_gates_check(actor=actor, project=project, agreement_accepted=agreement_accepted)
    membership, created = ProjectMembership.objects.get_or_create(
        project=project, user=actor, role=ProjectMembership.Role.LABELER
    )
    if created:
        join_gates.join_gates_record(actor=actor, project=project)
        audit_record_project(actor=actor, action="project.join", target=membership, project=project)
    return membership


@transaction.atomic
def project_member_add(*, actor: User, project: Project, user: User, role: str) -> ProjectMembership:
    if not permissions.can_manage_project(actor, project):
        raise NotFound(_("No such project."))
    if role not in ProjectMembership.Role.values:
        raise Invalid(_("Unknown role: %(role)s") % {"role": role})
    membership, created = ProjectMembership.objects.get_or_create(project=project, user=user, role=role)
    if created:
        detail = {"username": user.username, "role": role}
        audit_record_project(
            actor=actor, action="project.member_add", target=membership, project=project, detail=detail
        )
    return membership
