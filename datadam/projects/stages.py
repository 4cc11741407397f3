"""A project's inspection chain (검수 단계), first stage first.

The first stage is the project's own review settings, as before there were stages: its reviewers, its reject
reasons and its pay per review, sampled when the quality policy says so. Later stages (2차 검수 and on) are
`InspectionStage` rows, each with its own project role, mode, reasons and pay per verdict. Work is accepted
only when it passes the last stage.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from datadam.projects.models import InspectionStage, Project, ProjectMembership


@dataclass(frozen=True)
class Stage:
    position: int  # 1 = the first stage
    name: str
    role: str  # the project role whose people inspect at this stage (staff inspect at any stage)
    mode: str | None  # InspectionStage.Mode; None for the first stage, where the quality policy decides
    lot_by: str  # InspectionStage.LotBy, when the stage samples
    reasons: list[str]
    rate_per_review: int

    @property
    def is_first(self) -> bool:
        return self.position == 1


def first_stage(project: Project) -> Stage:
    return Stage(
        position=1,
        name=str(_("First inspection")),
        role=ProjectMembership.Role.REVIEWER,
        mode=None,
        lot_by=InspectionStage.LotBy.LABELER,
        reasons=list(project.reject_reasons or []),
        rate_per_review=project.rate_per_review,
    )


def _from_row(row: InspectionStage) -> Stage:
    return Stage(
        position=row.position,
        name=row.name,
        role=row.role,
        mode=row.mode,
        lot_by=row.lot_by,
        reasons=list(row.reasons or []),
        rate_per_review=row.rate_per_review,
    )


def stage_list(project: Project) -> list[Stage]:
    """The whole chain, in order; a project without later stages has its first stage only."""
    rows = InspectionStage.objects.filter(project=project).order_by("position")
    return [first_stage(project), *(_from_row(row) for row in rows)]


def stage_get(project: Project, position: int) -> Stage | None:
    if position == 1:
        return first_stage(project)
    row = InspectionStage.objects.filter(project=project, position=position).first()
    return _from_row(row) if row else None


def stage_count(project: Project) -> int:
    return 1 + InspectionStage.objects.filter(project=project).count()
