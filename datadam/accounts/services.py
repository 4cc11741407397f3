"""Writes about people, organizations and tokens."""

import hashlib
import re
import secrets
from datetime import timedelta
from decimal import Decimal

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

from datadam.accounts import selectors
from datadam.accounts.erasure import person_erasers_run
from datadam.accounts.models import (
    ApiToken,
    Organization,
    OrganizationMembership,
    PasswordResetRequest,
    PayoutDetails,
    PersonSession,
    PrivacyConsent,
    User,
)
from datadam.audit.services import audit_record
from datadam.core.errors import Conflict, Invalid, NotFound, Throttled
from datadam.core.rows import hot_cursor, model_from_row, when

TOKEN_PREFIX = "dd_"
MAX_WITHHOLDING_PERCENT = 50
MAX_PAYDAY = 28


@transaction.atomic
def user_signup(
    *, username: str, password: str, email: str = "", display_name: str = "", privacy_consent_version: str = ""
) -> User:
    """A new account belongs to nothing: it sees no private data until it joins a project.

    The sign-up page passes the version of the consent text the person accepted; accounts made for them (the
    demo's people) pass none.
    """
    if User.objects.filter(username__iexact=username).exists():
        raise Conflict(_("That user name is taken. Choose another."))
    user = User(username=username, email=email, display_name=display_name)
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise Invalid(" ".join(exc.messages)) from None
    user.set_password(password)
    user.full_clean()
    user.save()
    if privacy_consent_version:
        PrivacyConsent.objects.create(user=user, version=privacy_consent_version)
    audit_record(actor=user, action="user.signup", target=user)
    return user


@transaction.atomic
def user_password_change(*, user: User, old_password: str, new_password: str, keep_session_key: str = "") -> None:
    """The person changes their password. Their API tokens are revoked and their sessions end, all but the one
    named (the browser they changed it in, which the page then moves to the new password)."""
    if not user.check_password(old_password):
        raise Invalid(_("Your current password is not right."))
    _password_set(user=user, new_password=new_password, how="change", keep_session_key=keep_session_key)


@transaction.atomic
def user_password_reset(*, user: User, new_password: str) -> None:
    """A new password from a reset link: as a change, it revokes the API tokens and ends every session."""
    _password_set(user=user, new_password=new_password, how="reset", keep_session_key="")


def _password_set(*, user: User, new_password: str, how: str, keep_session_key: str) -> None:
    try:
        validate_password(new_password, user)
    except ValidationError as exc:
        raise Invalid(" ".join(exc.messages)) from None
    user.set_password(new_password)
    user.save(update_fields=["password"])
    # Whoever learned the old password may have made a token with it; a token does not ask for the password.
    revoked = ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())
    PersonSession.objects.filter(user=user).exclude(session_key=keep_session_key).delete()
    audit_record(actor=user, action="user.password_change", target=user, detail={"how": how, "tokens_revoked": revoked})


@transaction.atomic
def password_reset_request_record(*, email: str, address: str) -> None:
    """Count one reset mail asked for, or raise Throttled when this email address or this client address has
    asked too often. Counted by the email address typed, whether or not an account has it, so the answer says
    nothing about who has an account."""
    window = timedelta(seconds=settings.DATADAM_PASSWORD_RESET_WINDOW_SECONDS)
    since = timezone.now() - window
    PasswordResetRequest.objects.filter(requested_at__lt=since).delete()
    email = email.strip().lower()
    recent = PasswordResetRequest.objects.filter(requested_at__gte=since)
    for same, limit in [
        (recent.filter(email=email), settings.DATADAM_PASSWORD_RESET_PER_EMAIL),
        (recent.filter(ip_address=address or None), settings.DATADAM_PASSWORD_RESET_PER_ADDRESS),
    ]:
        oldest = same.order_by("-requested_at").values_list("requested_at", flat=True)[limit - 1 : limit].first()
        if oldest is not None:
            until = timezone.localtime(oldest + window)
            raise Throttled(
                _("Too many reset mails were asked for. Try again after %(time)s.")
                % {"time": time_format(until, "H:i")}
            )
    PasswordResetRequest.objects.create(email=email, ip_address=address or None)


@transaction.atomic
def user_erase(*, user: User, password: str) -> None:
    """Erase a person at their request: personal data is removed and the account can never log in again.

    What they earned stays in the ledger (payroll must still reconcile), now under a pseudonym; their
    labels stay in the data sets they helped build, credited to the pseudonym.
    """
    if not user.check_password(password):
        raise Invalid(_("Your password is not right."))
    AccessAttempt.objects.filter(username=user.username.lower()).delete()  # failed log-ins under their name
    if user.email:
        PasswordResetRequest.objects.filter(email=user.email.lower()).delete()
    person_erasers_run(user=user)  # recorded voices and photos (media) are personal data too
    user.enrolments.update(answers={}, answers_consent_at=None)  # eligibility answers given to the academy
    user.api_tokens.all().delete()
    PersonSession.objects.filter(user=user).delete()
    user.project_memberships.all().delete()
    user.org_memberships.all().delete()
    user.username = f"erased-{user.id}"
    user.display_name = user.first_name = user.last_name = user.email = user.phone = ""
    PayoutDetails.objects.filter(user=user).delete()  # bank and account number
    user.is_active = False
    user.set_unusable_password()
    user.save()
    audit_record(actor=None, action="user.erase", target=user)


@transaction.atomic
def organization_create(*, name: str, owner: User, kind: str = Organization.Kind.EXECUTING) -> Organization:
    slug = slugify(name, allow_unicode=True) or "org"
    base, n = slug, 1
    while Organization.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    organization = Organization.objects.create(name=name, slug=slug, kind=kind)
    OrganizationMembership.objects.create(organization=organization, user=owner, role=OrganizationMembership.Role.OWNER)
    audit_record(actor=owner, action="organization.create", target=organization, organization_id=organization.id)
    return organization


CURRENCY_CODE = re.compile(r"^[A-Z]{3}$")
# The highest minimum hourly wage accepted, in the currency's minor unit: a typo of extra zeros is refused.
MAX_MINIMUM_HOURLY_WAGE = 1_000_000


@transaction.atomic
def _pay_schedule_changes(withholding_percent: Decimal | None, payday: int | None) -> dict:
    changes: dict = {}
    if withholding_percent is not None:
        if not 0 <= withholding_percent <= MAX_WITHHOLDING_PERCENT:
            raise Invalid(_("The tax withheld is a percentage from 0 to 50, such as 3.3."))
        changes["withholding_basis_points"] = int(withholding_percent * 100)
    if payday is not None:
        if not 1 <= payday <= MAX_PAYDAY:
            raise Invalid(_("The payday is a day of the month from 1 to 28."))
        changes["payday"] = payday
    return changes


def organization_settings_update(
    *,
    actor: User,
    organization_id: int,
    currency: str | None = None,
    minimum_hourly_wage: int | None = None,
    withholding_percent: Decimal | None = None,
    payday: int | None = None,
) -> Organization:
    """Owners and managers set the currency their pay is counted in, the minimum wage it is measured against, the
    tax withheld from it and the day it is paid. A setting left out (None) stays as it is."""
    organization = selectors.organization_get(actor=actor, organization_id=organization_id)
    changes: dict = {}
    if currency is not None:
        if not CURRENCY_CODE.match(currency):
            raise Invalid(_("The currency is a three-letter code such as KRW or USD."))
        changes["currency"] = currency
    if minimum_hourly_wage is not None:
        if not 0 < minimum_hourly_wage <= MAX_MINIMUM_HOURLY_WAGE:
            message = _("The minimum hourly wage is a whole number from 1 to %(max)s.")
            raise Invalid(message % {"max": f"{MAX_MINIMUM_HOURLY_WAGE:,}"})
        changes["minimum_hourly_wage"] = minimum_hourly_wage
    changes.update(_pay_schedule_changes(withholding_percent, payday))
    for field, value in changes.items():
        setattr(organization, field, value)
    if changes:
        organization.save(update_fields=list(changes))
        audit_record(
            actor=actor,
            action="organization.settings_update",
            target=organization,
            organization_id=organization.id,
            detail=changes,
        )
    return organization


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Returns the row and the plain token, which is never stored and cannot be shown again."""
    plain = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name, prefix=plain[:10], token_hash=_hash(plain))
    audit_record(actor=user, action="token.create", target=token, detail={"name": name})
    return token, plain


@transaction.atomic
def token_revoke(*, user: User, token_id: int) -> None:
    updated = ApiToken.objects.filter(id=token_id, user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())
    if not updated:
        raise NotFound(_("No such token."))
    audit_record(actor=user, action="token.revoke", target=ApiToken(pk=token_id))


# Written as SQL: every API request runs it, and the ORM spent longer building the join than the database
# spent answering it. A revoked token or a deactivated person is refused on the next request. The person
# comes with the fields requests read; any other (password, dates) loads when asked for.
# In the model's field order, as Model.from_db expects them.
TOKEN_USER_FIELDS = ["id", "is_superuser", "username", "email", "is_staff", "is_active", "display_name"]
TOKEN_USER_SQL = f"""
    SELECT {", ".join("u." + name for name in TOKEN_USER_FIELDS)}, t.id, t.last_used_at
    FROM accounts_apitoken t JOIN accounts_user u ON u.id = t.user_id
    WHERE t.token_hash = %s AND t.revoked_at IS NULL AND u.is_active = %s
"""  # noqa: S608 (the field names are constants)


def token_authenticate(*, plain: str) -> User | None:
    with hot_cursor() as cursor:
        cursor.execute(TOKEN_USER_SQL, [_hash(plain), True])
        row = cursor.fetchone()
    if row is None:
        return None
    *user_values, token_id, last_used = row
    user = model_from_row(User, TOKEN_USER_FIELDS, user_values)
    now = timezone.now()
    # Touch at most once a minute: a token used by a busy script should not write on every request.
    if last_used is None or now - when(last_used) > timedelta(minutes=1):
        ApiToken.objects.filter(id=token_id).update(last_used_at=now)
    return user
