"""Organization scoping: the one place that writes "rows of the organizations where this person is staff".

The access module sits on two floors because the layers do (.importlinter, docs/architecture.md):

- core is the bottom layer and knows no domain model, so it cannot name OrganizationMembership;
- accounts owns organizations and their staff, and sits below projects. Its own selectors (the organization
  list) and the audit reader it registers need the organization half, so that half lives here;
- projects owns project memberships, so the project half (projects a person joined, and in which role) lives in
  `datadam/projects/access.py`, which also re-exports every name of this module. Selectors above accounts import
  `datadam.projects.access` and nothing else for scoping.

`field` is always the lookup path from the queryset's model to an Organization: "organization",
"project__organization", "cohort__course__organization", or "pk" for organizations themselves.
No other module writes `organization_id__in=...` by hand.
"""

from collections.abc import Iterable

from django.db.models import Q, QuerySet

from datadam.accounts.models import OrganizationMembership, User

OrganizationIds = QuerySet | Iterable[int]


def staff_organization_ids(user: User, role: str | None = None) -> QuerySet:
    """Ids of the organizations where the user is staff (owner or manager; or only `role`), as a subquery."""
    if not user.is_authenticated:
        return OrganizationMembership.objects.none().values("organization_id")
    memberships = OrganizationMembership.objects.filter(user=user)
    if role:
        memberships = memberships.filter(role=role)
    return memberships.values("organization_id")


def organization_filter(organization_ids: OrganizationIds, field: str = "organization") -> Q:
    """Rows whose organization (reached through `field`) is one of `organization_ids` (a subquery or ids)."""
    return Q(**{f"{field}__in": organization_ids})


def scope_to_organizations(
    queryset: QuerySet, organization_ids: OrganizationIds, field: str = "organization"
) -> QuerySet:
    """The queryset narrowed to rows of the given organizations (a programme's, an overseer's)."""
    return queryset.filter(organization_filter(organization_ids, field))


def staff_filter(user: User, field: str = "organization", role: str | None = None) -> Q:
    """Rows of organizations where the user is staff; OR it with another filter to widen what a person sees."""
    return organization_filter(staff_organization_ids(user, role), field)


def scope_to_staff(queryset: QuerySet, user: User, field: str = "organization", role: str | None = None) -> QuerySet:
    """The queryset narrowed to rows of organizations where the user is staff (anonymous: none)."""
    return queryset.filter(staff_filter(user, field, role))


def organization_role(user: User, organization_id: int) -> str | None:
    """The user's role in the organization ("owner", "manager"), or None for anyone else."""
    if not user.is_authenticated:
        return None
    return (
        OrganizationMembership.objects.filter(user=user, organization_id=organization_id)
        .values_list("role", flat=True)
        .first()
    )


def is_staff(user: User, organization_id: int, role: str | None = None) -> bool:
    """Whether the user is staff of the organization (in `role`, when one is given)."""
    found = organization_role(user, organization_id)
    return found is not None and (role is None or found == role)


def staff_user_ids(organization_ids: OrganizationIds) -> QuerySet:
    """Ids of the people on the staff of the given organizations, as a subquery (a "user_id" column)."""
    return OrganizationMembership.objects.filter(organization_filter(organization_ids)).values("user_id")
