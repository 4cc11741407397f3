"""Career records (경력확인서): a worker's shareable record, and the outcomes operators record for graduates."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from datadam.academy.models import Cohort
from datadam.accounts.models import Organization


def new_share_code() -> str:
    """A link code nobody can guess: 128 bits, URL-safe."""
    return secrets.token_urlsafe(16)


class CareerShare(models.Model):
    """The worker's public link to their career record. Turned off, the link answers 404."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="career_share")
    code = models.CharField(max_length=40, unique=True, default=new_share_code)
    enabled = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)


class PartnerEmployer(models.Model):
    """An employer a training organization works with, linked to the cohorts whose graduates it takes on."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="partner_employers")
    name = models.CharField(_("employer name"), max_length=200)
    contact = models.CharField(_("contact"), max_length=200, blank=True)
    cohorts = models.ManyToManyField(Cohort, blank=True, related_name="partner_employers", verbose_name=_("cohorts"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["organization", "name"], name="one_partner_name_per_org")]

    def __str__(self) -> str:
        return self.name


class Outcome(models.Model):
    """What became of a graduate, recorded by the organization that trained them."""

    class Kind(models.TextChoices):
        FREELANCE = "freelance", _("Freelance contract")
        INTERNSHIP = "internship", _("Internship")
        OFFER = "offer", _("Job offer")
        HIRED = "hired", _("Hired")
        PERMANENT = "permanent", _("Converted to permanent")

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="graduate_outcomes")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="career_outcomes")
    cohort = models.ForeignKey(Cohort, on_delete=models.SET_NULL, null=True, blank=True, related_name="outcomes")
    kind = models.CharField(_("outcome"), max_length=12, choices=Kind.choices)
    employer = models.ForeignKey(
        PartnerEmployer, on_delete=models.SET_NULL, null=True, blank=True, related_name="outcomes"
    )
    employer_name = models.CharField(_("employer (if not a partner)"), max_length=200, blank=True)
    happened_on = models.DateField(_("date"))
    note = models.CharField(_("note"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["organization", "happened_on"], name="outcome_org_date_idx")]

    @property
    def employer_label(self) -> str:
        return self.employer.name if self.employer else self.employer_name
