from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from datadam.accounts.models import Organization
from datadam.projects.models import ImportBatch, Item, Project


class MediaFile(models.Model):
    """One stored image or audio file of a project. Items point at it as "media:<id>" in their data.

    The content type is what the bytes say (sniffed), never what the name or the uploader claimed.
    `status` starts as pending; the probe sets ok (with dimensions or duration) or unreadable (with the reason).
    """

    class Kind(models.TextChoices):
        IMAGE = "image", _("Image")
        AUDIO = "audio", _("Audio")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be checked")
        OK = "ok", _("Readable")
        UNREADABLE = "unreadable", _("Unreadable")

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="media_files")
    batch = models.ForeignKey(ImportBatch, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    storage_key = models.CharField(max_length=500)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100, default="application/octet-stream")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.OTHER)
    size_bytes = models.BigIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    duration = models.FloatField(null=True, blank=True)
    sample_rate = models.PositiveIntegerField(null=True, blank=True)
    # Waveform peaks (max absolute sample per bucket, 0..1), so a long recording draws at once.
    peaks = models.JSONField(null=True, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PENDING)
    reason = models.CharField(max_length=500, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["project", "sha256"], name="media_project_sha_idx")]

    def __str__(self) -> str:
        return self.original_name

    @property
    def reference(self) -> str:
        return f"media:{self.id}"


class CollectionTask(models.Model):
    """A project whose items are prompts: workers record speech or take a photo for each, with consent."""

    class Kind(models.TextChoices):
        AUDIO = "audio", _("Record speech")
        IMAGE = "image", _("Upload a photo")

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="collection_task")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    consent_text = models.TextField(_("consent text"))
    # Accepted recordings become items of this labeling project (optional).
    target_project = models.ForeignKey(
        Project, on_delete=models.SET_NULL, null=True, blank=True, related_name="collection_sources"
    )
    max_seconds = models.PositiveIntegerField(default=30)


class Contribution(models.Model):
    """One worker's recording or photo for one prompt, with the consent they gave for it."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Waiting for review")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")

    task = models.ForeignKey(CollectionTask, on_delete=models.CASCADE, related_name="contributions")
    prompt = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="contributions")
    worker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="contributions")
    media = models.ForeignKey(MediaFile, on_delete=models.PROTECT, related_name="contributions")
    consent_text = models.TextField()
    consented_at = models.DateTimeField()
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.SUBMITTED)
    reason = models.CharField(max_length=500, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    target_item = models.ForeignKey(Item, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["prompt", "worker"],
                condition=~models.Q(status="rejected"),
                name="one_live_contribution_per_prompt",
            )
        ]
