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


class QualityTargets(models.Model):
    """A project's quality targets for its releases, in percent. A release below one needs a verifier's reason."""

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="quality_targets")
    format_validity = models.FloatField(_("format validity target (%)"), default=99.0)
    syntactic_accuracy = models.FloatField(_("syntactic accuracy target (%)"), default=99.5)
    semantic_accuracy = models.FloatField(_("semantic accuracy target (%)"), default=90.0)
    # A consensus label below this confidence is listed in the report for a person to look at.
    consensus_floor = models.FloatField(_("consensus confidence floor (%)"), default=70.0)


class Verifier(models.Model):
    """A person who may sign off the release quality reports of an organization's projects.

    Granted by an administrator (Django admin); a verifier who is staff or a member of the project is refused
    at sign-off, so the check stays independent of the project's own people."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="verifier_roles")
    organization = models.ForeignKey("accounts.Organization", on_delete=models.CASCADE, related_name="verifiers")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "organization"], name="one_verifier_role_per_org")]


class Release(models.Model):
    """A frozen, versioned snapshot of a project's labels, its built files and its quality report."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to build")
        BUILDING = "building", _("Building")
        BUILT = "built", _("Built, waiting for sign-off")
        FAILED = "failed", _("Build failed")
        PUBLISHED = "published", _("Published")
        REJECTED = "rejected", _("Returned by the verifier")

    class Source(models.TextChoices):
        ACCEPTED = "accepted", _("Accepted labels")
        CONSENSUS = "consensus", _("Consensus labels")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="releases")
    version = models.CharField(_("version"), max_length=20)
    notes = models.TextField(_("release notes"), blank=True)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.ACCEPTED)
    validation_percent = models.PositiveSmallIntegerField(default=10)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    cut_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    cut_at = models.DateTimeField(auto_now_add=True)
    items_in_project = models.PositiveIntegerField(default=0)
    entries_total = models.PositiveIntegerField(default=0)
    entries_done = models.PositiveIntegerField(default=0)
    attempt = models.PositiveSmallIntegerField(default=0)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    built_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)
    manifest_sha256 = models.CharField(max_length=64, blank=True)
    report = models.JSONField(default=dict, blank=True)
    # The project as it was at the cut: name, data type, schema, guideline, datasheet, and the figures read from
    # its history (inspection, agreement, consensus). The build reads this and the entries, never live tables.
    snapshot = models.JSONField(default=dict, blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    signed_at = models.DateTimeField(null=True, blank=True)
    override_reason = models.TextField(_("reason for publishing below target"), blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["project", "version"], name="one_release_per_version")]
        indexes = [models.Index(fields=["status", "published_at"], name="release_published_idx")]

    def __str__(self) -> str:
        return f"{self.project} {self.version}"

    @property
    def stage_label(self) -> str:
        """The state in words; a built release the verifier approved is ready to publish, not waiting."""
        if self.status == self.Status.BUILT and self.signed_at:
            return str(_("Approved by the verifier, ready to publish"))
        return self.get_status_display()


class VerifierDecision(models.Model):
    """A verifier's approval or rejection of a release's quality report, with their comment; every one is kept.

    A rejection changes no label and no payment: the manager sends the named items back through inspection
    and cuts a new version."""

    class Outcome(models.TextChoices):
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Returned to the manager")

    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="decisions")
    verifier = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    comment = models.TextField(blank=True)
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-decided_at", "-id"]


class ReleaseEntry(models.Model):
    """One item as it was when the release was cut: its data and its label, copied so later edits change nothing."""

    class Split(models.TextChoices):
        TRAINING = "training", _("Training")
        VALIDATION = "validation", _("Validation")

    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="entries")
    item_id = models.BigIntegerField()  # no foreign key: deleting the item later must not touch the release
    external_id = models.CharField(max_length=200, blank=True)
    data = models.JSONField()
    result = models.JSONField()
    annotation_id = models.BigIntegerField(null=True)
    author = models.CharField(max_length=150, blank=True)  # empty for a consensus label
    annotation_version = models.PositiveIntegerField(null=True)
    annotated_at = models.DateTimeField(null=True)
    confidence = models.FloatField(null=True)  # a consensus label's confidence, 0..1
    # What the build measured of the item's raw file (name, size, SHA-256, image size or audio length), so every
    # export reads the same figures; derived from the stored bytes only, so a rebuild writes the same values.
    files = models.JSONField(default=dict, blank=True)
    stratum = models.CharField(max_length=200, blank=True)
    split = models.CharField(max_length=10, choices=Split.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["release", "item_id"], name="one_entry_per_item")]
        indexes = [models.Index(fields=["release", "split", "item_id"], name="entry_split_idx")]


class ReleaseFile(models.Model):
    """One built file of a release, with its SHA-256; rows exist only once the whole build has finished."""

    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="files")
    name = models.CharField(max_length=300)  # the path inside the release, e.g. Training/01.원천데이터/TS_x.zip
    stored_path = models.CharField(max_length=500)
    size_bytes = models.BigIntegerField()
    sha256 = models.CharField(max_length=64)
    kind = models.CharField(max_length=20)  # package, export, manifest, report

    class Meta:
        constraints = [models.UniqueConstraint(fields=["release", "name"], name="one_file_per_name")]
