from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from datadam.labeling.models import Annotation
from datadam.projects.models import Project


class Review(models.Model):
    """An inspector's verdict (검수 결과) on one annotation version at one inspection stage (1 = first).

    One verdict per stage per version: a second is refused. When a later stage sends the work back or
    corrects it, the earlier stages' acceptances stay and point at that verdict through `overturned_by`."""

    class Verdict(models.TextChoices):
        ACCEPT = "accept", _("Accepted")
        REJECT = "reject", _("Sent back")
        CORRECT = "correct", _("Corrected")

    annotation = models.ForeignKey(Annotation, on_delete=models.CASCADE, related_name="reviews")
    stage = models.PositiveSmallIntegerField(default=1)
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reviews")
    verdict = models.CharField(max_length=10, choices=Verdict.choices)
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    correction = models.OneToOneField(
        Annotation, on_delete=models.CASCADE, null=True, blank=True, related_name="correction_of"
    )
    active_seconds = models.PositiveIntegerField(default=0)
    overturned_by = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="overturned"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["annotation", "stage"], name="one_verdict_per_stage")]
        indexes = [
            models.Index(fields=["project", "-created_at"], name="review_project_time_idx"),
            models.Index(fields=["reviewer", "stage"], name="review_reviewer_stage_idx"),
        ]

    @property
    def is_overturned(self) -> bool:
        return self.overturned_by_id is not None
