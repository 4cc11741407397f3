from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person: staff of organizations, crowd worker in projects, or both."""

    display_name = models.CharField(_("display name"), max_length=100, blank=True)
    phone = models.CharField(_("phone number"), max_length=30, blank=True)

    def __str__(self) -> str:
        return self.display_name or self.username


class Organization(models.Model):
    """An organization (기관) owns projects; its staff are members with an organization role."""

    class Kind(models.TextChoices):
        EXECUTING = "executing", _("Executing organization")
        CROWDSOURCING = "crowdsourcing", _("Crowdsourcing organization")
        TRAINING = "training", _("Training provider")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(unique=True, allow_unicode=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.EXECUTING)
    currency = models.CharField(_("currency"), max_length=3, default="KRW")
    # In the currency's minor unit (won have none). The 2026 Korean minimum wage is 10,320 won an hour.
    minimum_hourly_wage = models.PositiveIntegerField(_("minimum hourly wage"), default=10_320)
    # Tax held back from workers' pay, in hundredths of a percent: 330 is the 3.3 % withheld from freelance income
    # in Korea (3 % income tax and 0.3 % local income tax).
    withholding_basis_points = models.PositiveIntegerField(_("withholding"), default=330)
    # The day of the following month on which a month's pay is paid.
    payday = models.PositiveSmallIntegerField(_("payday"), default=10)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name


class OrganizationMembership(models.Model):
    class Role(models.TextChoices):
        OWNER = "owner", _("Owner")
        MANAGER = "manager", _("Manager")

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="org_memberships")
    role = models.CharField(max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organization", "user"], name="one_org_role_per_person")]


class ApiToken(models.Model):
    """A personal API token. Only its SHA-256 is stored; the plain token is shown once."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=12)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)


class PayoutDetails(models.Model):
    """Where a person's pay goes. The account number is stored encrypted (core/fields.py, DATADAM_FIELD_KEY) and
    shown masked; only its last four digits are kept in the clear, for the mask."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="payout_details")
    bank = models.CharField(_("bank"), max_length=60)
    holder = models.CharField(_("account holder"), max_length=100)
    account_number_encrypted = models.TextField()
    account_last_digits = models.CharField(max_length=4)
    updated_at = models.DateTimeField(auto_now=True)


class PrivacyConsent(models.Model):
    """A person's consent to the processing of their personal data: which version of the text, and when.

    Kept as rows, not a field on the person, so that a new version of the text is accepted beside the old one
    and the record shows what each person agreed to at the time.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="privacy_consents")
    version = models.CharField(max_length=20)
    accepted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "version"], name="one_consent_per_version")]


class PasswordResetRequest(models.Model):
    """A password-reset mail asked for, kept for the reset window only, so the mails can be limited per email
    address and per client address in the database that every web process shares."""

    email = models.CharField(max_length=254, db_index=True)
    ip_address = models.GenericIPAddressField(null=True, db_index=True)
    requested_at = models.DateTimeField(auto_now_add=True, db_index=True)


class PersonSession(AbstractBaseSession):
    """A log-in session, with the person it belongs to (PersonSessionStore fills it in)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.CASCADE, related_name="+")

    @classmethod
    def get_session_store_class(cls) -> type["PersonSessionStore"]:
        return PersonSessionStore


class PersonSessionStore(DatabaseSessionStore):
    """The session engine's store (accounts/sessions.py names it for SESSION_ENGINE). It sits next to its model,
    as in Django's example of extending database sessions, so the two need not import each other."""

    @classmethod
    def get_model_class(cls) -> type[PersonSession]:
        return PersonSession

    def create_model_instance(self, data: dict) -> PersonSession:
        session = super().create_model_instance(data)
        user_id = data.get("_auth_user_id")
        session.user_id = int(user_id) if user_id is not None and str(user_id).isdigit() else None
        return session
