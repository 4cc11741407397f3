from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from datadam.projects.models import Project


class ExportJob(models.Model):
    """An export file built in the background, with progress, for projects too large to stream at once."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Exporting")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    class Include(models.TextChoices):
        ACCEPTED = "accepted", _("Accepted labels")
        ALL = "all", _("Every version, with its state")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="export_jobs")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    file_format = models.CharField(max_length=10, default="jsonl")
    include = models.CharField(max_length=10, choices=Include.choices, default=Include.ACCEPTED)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    items_total = models.PositiveIntegerField(default=0)
    items_done = models.PositiveIntegerField(default=0)
    stored_path = models.CharField(max_length=500, blank=True)
    size_bytes = models.BigIntegerField(default=0)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
