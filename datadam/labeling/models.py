from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from datadam.projects.models import Item, Project


class Assignment(models.Model):
    """A lease of one item to one worker. One per (item, worker): nobody gets an item twice."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("In progress")
        SUBMITTED = "submitted", _("Submitted")
        SKIPPED = "skipped", _("Skipped")
        EXPIRED = "expired", _("Expired")
        REWORK = "rework", _("Sent back for rework")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="assignments")
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="assignments")
    worker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assignments")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.ACTIVE)
    leased_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    draft = models.JSONField(null=True, blank=True)
    draft_saved_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Once work was submitted the slot stays this worker's: a run-out rework lease goes back to
    # REWORK instead of giving the slot to someone else.
    was_submitted = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["item", "worker"], name="one_assignment_per_worker_item")]
        indexes = [
            models.Index(fields=["worker", "project", "status"], name="assignment_worker_idx"),
            models.Index(fields=["project", "expires_at"], condition=Q(status="active"), name="assignment_expiry_idx"),
        ]


class Annotation(models.Model):
    """Label data (라벨링데이터). Every version is kept; a correction is a new version."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")
        CORRECTED = "corrected", _("Corrected by a reviewer")

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="annotations")
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="annotations")
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="annotations")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="annotations")
    version = models.PositiveIntegerField(default=1)
    result = models.JSONField()
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.SUBMITTED)
    # The inspection stage submitted work waits in (1 = first). It moves on as stages accept it; the status
    # becomes "accepted" only when the last stage accepts. Rework is a new version and starts again at 1.
    stage = models.PositiveSmallIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    # Seconds the author was actively working (focus and input; idle spells left out), capped by the lease.
    active_seconds = models.PositiveIntegerField(default=0)
    # Where the item had a pre-label: {"source": "import" or "model:<name>", "kept": [controls left as
    # pre-filled], "changed": [controls the worker edited]}. Null when nothing was pre-filled.
    prelabel = models.JSONField(null=True, blank=True)
    # The review lease: while a reviewer looks at it, no other reviewer is handed the same work.
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    claim_expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            # The idempotency guard: a retried submit of the same lease can never add a second row.
            models.UniqueConstraint(fields=["assignment", "version"], name="one_annotation_per_version")
        ]
        indexes = [
            models.Index(fields=["project", "status"], name="annotation_state_idx"),
            models.Index(fields=["project", "id"], condition=Q(status="submitted"), name="annotation_review_queue_idx"),
        ]


class ItemReport(models.Model):
    """A worker's report that an item cannot or should not be labeled. A report of personal data withholds the
    item from everyone at once (its free slots are kept here) until a manager releases it or removes it."""

    class Reason(models.TextChoices):
        BROKEN_FILE = "broken_file", _("The file is broken or does not open")
        PERSONAL_DATA = "personal_data", _("It shows personal data")
        OFFENSIVE = "offensive", _("It is offensive")
        GUIDELINE_UNCLEAR = "guideline_unclear", _("The guideline does not say how to label it")

    class Status(models.TextChoices):
        OPEN = "open", _("Waiting for a manager")
        RELEASED = "released", _("Released back to work")
        REMOVED = "removed", _("Removed from the project")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="item_reports")
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=20, choices=Reason.choices)
    note = models.CharField(max_length=500, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    # While withheld: the slots the item had free (and the leases ended) when it was withheld, given back on release.
    withheld_slots = models.PositiveSmallIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["project", "status"], name="item_report_queue_idx")]
        constraints = [
            models.UniqueConstraint(fields=["item", "reporter"], name="one_report_per_item_and_person"),
        ]
