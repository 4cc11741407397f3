"""Reads about people and organizations, scoped to the person asking."""

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from datadam.accounts import access
from datadam.accounts.models import ApiToken, Organization, User
from datadam.core.errors import NotFound


def organization_list(*, actor) -> QuerySet[Organization]:
    """The organizations where the actor is staff."""
    return access.scope_to_staff(Organization.objects.all(), actor, field="pk").order_by("name")


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
