"""Managers set a project's later inspection stages (2차 검수 and on) and what happens to a labeler's pay when
a later stage overturns an acceptance. The first stage stays the project's own review settings.

A stage is never removed while work waits at it or after it (that work would lose its place in the chain):
the change is refused until those queues are empty.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from datadam.accounts.models import User
from datadam.audit.services import audit_record_project
from datadam.core.errors import Invalid, NotFound
from datadam.core.text import unstorable_reason
from datadam.labeling.models import Annotation
from datadam.projects import permissions as project_permissions
from datadam.projects import services as project_services
from datadam.projects.models import MAX_RATE, InspectionStage, Project, ProjectMembership
from datadam.projects.permissions import INSPECTION_ROLES

MAX_LATER_STAGES = 4
MAX_REASONS = 20
MAX_REASON_CHARS = 200


@dataclass(frozen=True)
class StageSpec:
    name: str
    role: str
    mode: str = InspectionStage.Mode.FULL
    lot_by: str = InspectionStage.LotBy.LABELER
    reasons: list[str] = field(default_factory=list)
    rate_per_review: int = 0


def _clean_reasons(reasons: list[str]) -> list[str]:
    cleaned = list(dict.fromkeys(reason.strip() for reason in reasons if reason.strip()))
    if len(cleaned) > MAX_REASONS:
        raise Invalid(_("A stage has at most %(count)d reasons.") % {"count": MAX_REASONS})
    for reason in cleaned:
        if len(reason) > MAX_REASON_CHARS or unstorable_reason(reason):
            raise Invalid(
                _("Each reason is one plain line of up to %(count)d characters.") % {"count": MAX_REASON_CHARS}
            )
    return cleaned


def _checked(spec: StageSpec, position: int) -> dict:
    name = spec.name.strip()
    if not name or len(name) > 100 or unstorable_reason(name):
        raise Invalid(_("Stage %(stage)d needs a name of up to 100 characters.") % {"stage": position})
    if spec.role not in INSPECTION_ROLES:
        raise Invalid(_("Stage %(stage)d is held by reviewers or senior reviewers.") % {"stage": position})
    if spec.mode not in InspectionStage.Mode.values or spec.lot_by not in InspectionStage.LotBy.values:
        raise Invalid(_("Stage %(stage)d: pick how it inspects from the list.") % {"stage": position})
    if not 0 <= spec.rate_per_review <= MAX_RATE:
        raise Invalid(_("A rate is a whole number of won from 0 to %(max)s.") % {"max": f"{MAX_RATE:,}"})
    reasons = _clean_reasons(spec.reasons)
    if not reasons:
        raise Invalid(_("Stage %(stage)d needs at least one reason to send work back.") % {"stage": position})
    return {
        "name": name,
        "role": spec.role,
        "mode": spec.mode,
        "lot_by": spec.lot_by,
        "reasons": reasons,
        "rate_per_review": spec.rate_per_review,
    }


def _refuse_while_waiting(project: Project, first_removed: int) -> None:
    waiting = Annotation.objects.filter(
        project=project, status=Annotation.Status.SUBMITTED, stage__gte=first_removed
    ).count()
    if waiting:
        message = ngettext(
            "%(count)d piece of work waits at stage %(stage)d or later. Let it be judged before removing the stage.",
            "%(count)d pieces of work wait at stage %(stage)d or later. Let them be judged before removing the stage.",
            waiting,
        )
        raise Invalid(message % {"count": waiting, "stage": first_removed})


@transaction.atomic
def inspection_stages_set(
    *, actor: User, project: Project, later: list[StageSpec], overturn_pay: str
) -> list[InspectionStage]:
    """Replace the project's later stages with `later` (stage 2 first) and set the overturn pay policy."""
    if not project_permissions.can_manage_project(actor, project):
        raise NotFound(_("No such project."))
    if len(later) > MAX_LATER_STAGES:
        raise Invalid(_("A project has at most %(count)d inspection stages.") % {"count": MAX_LATER_STAGES + 1})
    if overturn_pay not in Project.OverturnPay.values:
        raise Invalid(_("Pick what happens to the labeler's pay from the list."))
    values = [_checked(spec, position) for position, spec in enumerate(later, start=2)]
    project = Project.objects.select_for_update().get(id=project.id)
    count = len(later) + 1
    if InspectionStage.objects.filter(project=project, position__gt=count).exists():
        _refuse_while_waiting(project, count + 1)
    InspectionStage.objects.filter(project=project, position__gt=count).delete()
    saved = [
        InspectionStage.objects.update_or_create(project=project, position=position, defaults=fields)[0]
        for position, fields in enumerate(values, start=2)
    ]
    project.overturn_pay = overturn_pay
    project.save(update_fields=["overturn_pay"])
    detail = {"stages": [fields["name"] for fields in values], "overturn_pay": overturn_pay}
    audit_record_project(actor=actor, action="project.stages", target=project, project=project, detail=detail)
    return saved


def senior_reviewers(project: Project) -> list[User]:
    memberships = ProjectMembership.objects.filter(project=project, role=ProjectMembership.Role.SENIOR_REVIEWER)
    return [membership.user for membership in memberships.select_related("user").order_by("user__username")]


def senior_candidates(project: Project):
    """The project's reviewers who are not senior reviewers yet: the people a manager may promote."""
    seniors = ProjectMembership.objects.filter(project=project, role=ProjectMembership.Role.SENIOR_REVIEWER)
    return (
        User.objects.filter(
            project_memberships__project=project, project_memberships__role=ProjectMembership.Role.REVIEWER
        )
        .exclude(id__in=seniors.values("user_id"))
        .order_by("username")
    )


def senior_reviewer_add(*, actor: User, project: Project, user_id: int) -> ProjectMembership:
    """Promote one of the project's reviewers to senior reviewer (they keep their reviewer role)."""
    if not project_permissions.can_manage_project(actor, project):
        raise NotFound(_("No such project."))
    person = senior_candidates(project).filter(id=user_id).first()
    if person is None:
        raise Invalid(_("Pick one of the project's reviewers."))
    return project_services.project_member_add(
        actor=actor, project=project, user=person, role=ProjectMembership.Role.SENIOR_REVIEWER
    )
