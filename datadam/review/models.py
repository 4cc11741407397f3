from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from datadam.labeling.models import Annotation
from datadam.projects.models import Project


class Review(models.Model):
    """A reviewer's verdict (검수 결과) on one annotation version. One verdict per version: a second is refused."""

    class Verdict(models.TextChoices):
        ACCEPT = "accept", _("Accepted")
        REJECT = "reject", _("Sent back")
        CORRECT = "correct", _("Corrected")

    annotation = models.OneToOneField(Annotation, on_delete=models.CASCADE, related_name="review")
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reviews")
    verdict = models.CharField(max_length=10, choices=Verdict.choices)
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    correction = models.OneToOneField(
        Annotation, on_delete=models.CASCADE, null=True, blank=True, related_name="correction_of"
    )
    active_seconds = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["project", "-created_at"], name="review_project_time_idx")]
