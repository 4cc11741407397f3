"""Programmes: a city's (or an agency's) training programme groups the organizations its operators run."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from datadam.accounts.models import Organization


class Programme(models.Model):
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    organizations = models.ManyToManyField(Organization, related_name="programmes", verbose_name=_("organizations"))
    operators = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="operated_programmes")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name


class ProgrammeTarget(models.Model):
    """A figure the programme promised for a year (e.g. 1,000 trainees in 2026), set against the actual one."""

    class Metric(models.TextChoices):
        TRAINEES = "trainees", _("Trainees enrolled")
        COMPLETED = "completed", _("Trainees who completed a course")
        QUALIFIED = "qualified", _("Qualified labelers and reviewers")
        EMPLOYED = "employed", _("Graduates employed")
        ITEMS_ACCEPTED = "items_accepted", _("Items labeled and accepted")
        DATASETS = "datasets", _("Data sets released")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="targets")
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    metric = models.CharField(_("figure"), max_length=20, choices=Metric.choices)
    target = models.PositiveIntegerField(_("target"), validators=[MaxValueValidator(10**9)])

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["programme", "year", "metric"], name="one_target_per_metric_year")
        ]
