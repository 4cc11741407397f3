"""The access module: who sees which rows, by organization staff and by project membership and role.

Every selector scopes through this module; no app writes the organization / membership / role filters by hand.
It lives in projects, not in core, because the layers say so (.importlinter, docs/architecture.md): core knows
no domain model, and project memberships belong to projects. The organization half sits one layer lower, in
`datadam/accounts/access.py` (accounts' own selectors need it), and is re-exported here, so the apps above
import only this module.

Two path arguments name where a row's project or organization is:

- `field` is the lookup path to a Project: "project", "annotation__project", or "pk" for projects themselves;
- the organization functions take the path to an Organization ("project__organization", "organization").

Staff (owner or manager of the project's organization) see all its projects; crowd workers see the projects they
joined, as labeler or reviewer; anybody else, and anonymous visitors, see nothing.
"""

from django.db.models import Q, QuerySet

from datadam.accounts.access import (
    is_staff,
    organization_filter,
    organization_role,
    scope_to_organizations,
    scope_to_staff,
    staff_filter,
    staff_organization_ids,
    staff_user_ids,
)
from datadam.accounts.models import User
from datadam.projects.models import Project, ProjectMembership

__all__ = [
    "belongs_to_organization",
    "has_project_role",
    "is_project_member",
    "is_project_staff",
    "is_staff",
    "joined_project_ids",
    "member_filter",
    "organization_filter",
    "organization_role",
    "project_roles",
    "projects_managed_by",
    "projects_visible_to",
    "scope_to_members",
    "scope_to_organizations",
    "scope_to_staff",
    "scope_to_visible",
    "staff_filter",
    "staff_organization_ids",
    "staff_user_ids",
    "visible_filter",
]


def _organization_path(field: str) -> str:
    return "organization" if field == "pk" else f"{field}__organization"


def joined_project_ids(user: User, role: str | None = None) -> QuerySet:
    """Ids of the projects the user joined (in `role`, when one is given), as a subquery."""
    if not user.is_authenticated:
        return ProjectMembership.objects.none().values("project_id")
    memberships = ProjectMembership.objects.filter(user=user)
    if role:
        memberships = memberships.filter(role=role)
    return memberships.values("project_id")


def member_filter(user: User, field: str = "project", role: str | None = None) -> Q:
    """Rows of projects the user joined (in `role`, when one is given)."""
    return Q(**{f"{field}__in": joined_project_ids(user, role)})


def scope_to_members(queryset: QuerySet, user: User, field: str = "project", role: str | None = None) -> QuerySet:
    return queryset.filter(member_filter(user, field, role))


def visible_filter(user: User, field: str = "project") -> Q:
    """Rows of projects the user runs (staff of its organization) or joined."""
    return staff_filter(user, _organization_path(field)) | member_filter(user, field)


def scope_to_visible(queryset: QuerySet, user: User, field: str = "project") -> QuerySet:
    return queryset.filter(visible_filter(user, field))


def projects_visible_to(user: User) -> QuerySet[Project]:
    """Projects of the user's organizations, plus projects the user joined."""
    return scope_to_visible(Project.objects.all(), user, field="pk")


def projects_managed_by(user: User) -> QuerySet[Project]:
    """Projects of the organizations where the user is staff."""
    return scope_to_staff(Project.objects.all(), user)


def project_roles(user: User, project: Project) -> set[str]:
    """The user's roles in the project ("labeler", "reviewer"); empty for staff who did not join it."""
    if not user.is_authenticated:
        return set()
    return set(ProjectMembership.objects.filter(user=user, project=project).values_list("role", flat=True))


def has_project_role(user: User, project: Project, role: str) -> bool:
    return role in project_roles(user, project)


def is_project_member(user: User, project: Project) -> bool:
    """Joined the project, in any role."""
    return bool(project_roles(user, project))


def is_project_staff(user: User, project: Project) -> bool:
    """Staff (owner or manager) of the organization that runs the project."""
    return is_staff(user, project.organization_id)


def belongs_to_organization(user: User, organization_id: int) -> bool:
    """Staff of the organization, or a member of one of its projects."""
    if is_staff(user, organization_id):
        return True
    return scope_to_members(Project.objects.filter(organization_id=organization_id), user, field="pk").exists()
