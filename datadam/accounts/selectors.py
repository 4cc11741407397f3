"""Reads about people and organizations, scoped to the person asking."""

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from datadam.accounts.models import ApiToken, Organization, OrganizationMembership, User
from datadam.core.errors import NotFound


def staff_organization_ids(actor) -> QuerySet:
    """Ids of the organizations where the actor is owner or manager (a subquery, not a list)."""
    if not actor.is_authenticated:
        return OrganizationMembership.objects.none().values("organization_id")
    return OrganizationMembership.objects.filter(user=actor).values("organization_id")


def organization_list(*, actor) -> QuerySet[Organization]:
    return Organization.objects.filter(id__in=staff_organization_ids(actor)).order_by("name")


def organization_role(*, actor, organization_id: int) -> str | None:
    if not actor.is_authenticated:
        return None
    membership = OrganizationMembership.objects.filter(user=actor, organization_id=organization_id).first()
    return membership.role if membership else None


def token_list(*, actor) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=actor, revoked_at__isnull=True).order_by("-created_at")


def organization_get(*, actor, organization_id: int) -> Organization:
    """An organization where the actor is staff; any other id is NotFound."""
    organization = organization_list(actor=actor).filter(id=organization_id).first()
    if organization is None:
        raise NotFound(_("No such organization."))
    return organization


def user_find(*, username: str) -> User:
    """Look a person up by user name, to add them to a project. Says nothing else about them."""
    user = User.objects.filter(username=username, is_active=True).first()
    if user is None:
        raise NotFound(_("No such person."))
    return user
