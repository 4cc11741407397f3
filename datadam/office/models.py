from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from datadam.accounts.models import Organization
from datadam.programmes.models import Programme
from datadam.projects.models import Project

# The programme's rule: at least 2.4 people hired directly per 100 million won of budget.
DIRECT_HIRES_PER_100M = 2.4
HUNDRED_MILLION = 100_000_000


class DataProject(models.Model):
    """A funded data-construction project (과제): run by a consortium, with a budget and a plan to deliver."""

    class Category(models.TextChoices):
        DESIGNATED = "designated", _("Designated")
        REGIONAL = "regional", _("Regional")
        FREE = "free", _("Free topic")
        PROGRAMME = "programme", _("The programme's own")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="data_projects")
    title = models.CharField(_("title"), max_length=200)
    category = models.CharField(_("category"), max_length=12, choices=Category.choices)
    field = models.CharField(_("field"), max_length=100, help_text=_("For example healthcare, transport, safety"))
    budget = models.BigIntegerField(_("budget (won)"), validators=[MinValueValidator(1)])
    starts_on = models.DateField(_("start date"))
    ends_on = models.DateField(_("end date"))
    direct_hires_promised = models.PositiveIntegerField(_("direct hires promised"))
    crowd_share_promised = models.PositiveSmallIntegerField(
        _("share of the work done by the crowd, promised (%)"), validators=[MaxValueValidator(100)]
    )
    projects = models.ManyToManyField(Project, related_name="data_projects", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["programme_id", "title"]

    def __str__(self) -> str:
        return self.title


class ConsortiumMember(models.Model):
    class Role(models.TextChoices):
        EXECUTING = "executing", _("Executing organization")
        CROWDSOURCING = "crowdsourcing", _("Crowdsourcing organization")
        TRAINING = "training", _("Training provider")

    data_project = models.ForeignKey(DataProject, on_delete=models.CASCADE, related_name="members")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="consortium_memberships")
    role = models.CharField(_("role"), max_length=14, choices=Role.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["data_project", "organization"], name="one_consortium_role_per_org")
        ]


class PlannedDelivery(models.Model):
    """A data set the plan promises: how many items, by when."""

    data_project = models.ForeignKey(DataProject, on_delete=models.CASCADE, related_name="deliveries")
    dataset_name = models.CharField(_("data set"), max_length=200)
    items = models.PositiveIntegerField(_("items"), validators=[MinValueValidator(1)])
    due_on = models.DateField(_("due date"))

    class Meta:
        ordering = ["due_on", "id"]


class DirectHire(models.Model):
    """A person a consortium organization employs for the data project. The name is shown only to that
    organization; everyone else sees counts."""

    data_project = models.ForeignKey(DataProject, on_delete=models.CASCADE, related_name="hires")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    person_name = models.CharField(_("name"), max_length=100)
    person_reference = models.CharField(
        _("employee number"), max_length=50, help_text=_("The organization's own number for the person")
    )
    started_on = models.DateField(_("employed from"))
    ended_on = models.DateField(_("employed until"), null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["started_on", "id"]
