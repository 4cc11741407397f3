from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class LedgerEntry(models.Model):
    """Money owed to a person: append-only. Rows are never changed or deleted (database triggers refuse it);
    a mistake is fixed with a new row (a reversal or an adjustment)."""

    class Kind(models.TextChoices):
        EARNING = "earning", _("Earning")
        REVERSAL = "reversal", _("Reversal")
        BONUS = "bonus", _("Bonus")
        STIPEND = "stipend", _("Course stipend")
        ADJUSTMENT = "adjustment", _("Adjustment")

    class Source(models.TextChoices):
        ANNOTATION = "annotation", _("Labeling")
        REVIEW = "review", _("Review")
        MANUAL = "manual", _("Entered by a manager")
        ENROLMENT = "enrolment", _("Course completion")

    worker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="ledger_entries")
    organization = models.ForeignKey("accounts.Organization", on_delete=models.PROTECT, related_name="+")
    project = models.ForeignKey("projects.Project", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    amount = models.BigIntegerField(help_text=_("In the currency's minor unit; negative for a reversal"))
    currency = models.CharField(max_length=3)
    source_type = models.CharField(max_length=12, choices=Source.choices)
    source_id = models.BigIntegerField(null=True, blank=True)
    reason = models.CharField(max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [
            # One earning (and one reversal) per piece of work: a retried or concurrent accept cannot pay twice.
            models.UniqueConstraint(
                fields=["source_type", "source_id", "kind", "worker"],
                condition=models.Q(source_id__isnull=False),
                name="one_ledger_row_per_source_kind",
            )
        ]
        indexes = [models.Index(fields=["worker", "created_at"], name="ledger_worker_time_idx")]


class UnitRate(models.Model):
    """Pay per unit of work inside an item, on top of the project's rate per item: per box or span drawn,
    per second of audio segmented, per character transcribed."""

    class Unit(models.TextChoices):
        OBJECT = "object", _("per object drawn or marked")
        AUDIO_SECOND = "audio_second", _("per second of audio segmented")
        CHARACTER = "character", _("per character written")

    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="unit_rates")
    control = models.CharField(_("control"), max_length=64)
    unit = models.CharField(_("unit"), max_length=16, choices=Unit.choices)
    rate = models.PositiveIntegerField(_("rate"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["project", "control", "unit"], name="one_unit_rate_per_control")]
