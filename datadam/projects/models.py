from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from datadam.accounts.models import Organization


def default_reject_reasons() -> list[str]:
    return [
        "라벨이 틀렸습니다 (wrong label)",
        "가이드라인을 따르지 않았습니다 (guideline not followed)",
        "빠진 부분이 있습니다 (incomplete)",
    ]


# The most a project may pay per item or per review, in won: a typo of extra zeros is refused.
MAX_RATE = 1_000_000
MAX_ITEMS_PER_PAGE = 20


class Project(models.Model):
    class DataType(models.TextChoices):
        TEXT = "text", _("Text")
        IMAGE = "image", _("Image")
        AUDIO = "audio", _("Audio")

    class PayOn(models.TextChoices):
        ACCEPT = "accept", _("when a reviewer accepts the work")
        SUBMIT = "submit", _("when the work is submitted")

    class CorrectionPay(models.TextChoices):
        FULL = "full", _("full rate")
        HALF = "half", _("half the rate")
        NONE = "none", _("nothing")

    class OverturnPay(models.TextChoices):
        REVERSE = "reverse", _("take the pay back")
        HALF = "half", _("take half the pay back")
        KEEP = "keep", _("let the labeler keep the pay")

    class JoinPolicy(models.TextChoices):
        OPEN = "open", _("Anyone may join")
        INVITE = "invite", _("Managers add members")

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="projects")
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    data_type = models.CharField(_("data type"), max_length=10, choices=DataType.choices, default=DataType.TEXT)
    schema = models.JSONField(_("label schema"))
    guideline = models.TextField(_("guideline"), blank=True, help_text=_("Markdown"))
    default_overlap = models.PositiveSmallIntegerField(
        _("labels per item"), default=1, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    lease_seconds = models.PositiveIntegerField(
        _("lease length (seconds)"), default=1800, validators=[MinValueValidator(60), MaxValueValidator(86400)]
    )
    # A task page: this many short items leased, shown and submitted together (each still its own task).
    items_per_page = models.PositiveSmallIntegerField(
        _("items on one page"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_ITEMS_PER_PAGE)],
        help_text=_("More than one suits short items with plain choices, such as sentences to classify."),
    )
    join_policy = models.CharField(max_length=10, choices=JoinPolicy.choices, default=JoinPolicy.OPEN)
    rate_per_item = models.PositiveIntegerField(_("pay per accepted item"), default=0)
    rate_per_review = models.PositiveIntegerField(_("pay per review"), default=0)
    pay_on = models.CharField(_("pay labelers"), max_length=10, choices=PayOn.choices, default=PayOn.ACCEPT)
    correction_pay = models.CharField(
        _("labeler's pay when a reviewer corrects"),
        max_length=10,
        choices=CorrectionPay.choices,
        default=CorrectionPay.HALF,
    )
    reject_reasons = models.JSONField(_("reasons a reviewer can pick"), default=default_reject_reasons, blank=True)
    overturn_pay = models.CharField(
        _("labeler's pay when a later inspection stage sends accepted work back"),
        max_length=10,
        choices=OverturnPay.choices,
        default=OverturnPay.REVERSE,
    )
    # Hidden projects (a course's practice and evaluation items) stay off project lists and the job board.
    hidden = models.BooleanField(_("hidden"), default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.name


class ProjectMembership(models.Model):
    """Crowd workers join projects, not organizations."""

    class Role(models.TextChoices):
        LABELER = "labeler", _("Labeler")
        REVIEWER = "reviewer", _("Reviewer")
        SENIOR_REVIEWER = "senior_reviewer", _("Senior reviewer")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="project_memberships")
    role = models.CharField(max_length=20, choices=Role.choices)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["project", "user", "role"], name="one_membership_per_role")]


class InspectionStage(models.Model):
    """A later inspection stage (2차 검수 and on). The first stage is the project's own review settings (its
    reviewers, reasons and rate per review, and the quality policy's sampling); `projects.stages` joins both
    into the ordered chain. Work is accepted only when it passes the last stage."""

    class Mode(models.TextChoices):
        FULL = "full", _("Inspect every item")
        SAMPLING = "sampling", _("Sampling inspection (ISO 2859-1)")

    class LotBy(models.TextChoices):
        LABELER = "labeler", _("one lot per labeler")
        REVIEWER = "reviewer", _("one lot per reviewer of the stage before")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="inspection_stages")
    position = models.PositiveSmallIntegerField(validators=[MinValueValidator(2)])
    name = models.CharField(_("name"), max_length=100)
    role = models.CharField(
        _("who inspects"),
        max_length=20,
        choices=ProjectMembership.Role.choices,
        default=ProjectMembership.Role.SENIOR_REVIEWER,
    )
    mode = models.CharField(_("inspection"), max_length=10, choices=Mode.choices, default=Mode.FULL)
    lot_by = models.CharField(_("lots"), max_length=10, choices=LotBy.choices, default=LotBy.LABELER)
    reasons = models.JSONField(_("reasons an inspector can pick"), default=default_reject_reasons, blank=True)
    rate_per_review = models.PositiveIntegerField(_("pay per verdict"), default=0)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["project", "position"], name="one_inspection_stage_per_position"),
            models.CheckConstraint(condition=Q(position__gte=2), name="inspection_stage_after_first"),
        ]

    def __str__(self) -> str:
        return self.name


class ImportBatch(models.Model):
    """One uploaded file. Its items stay hidden until every row passed and the batch is published."""

    class Status(models.TextChoices):
        UPLOADED = "uploaded", _("Columns to check")  # uploaded on the page; starts once its columns are picked
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Importing")
        PUBLISHED = "published", _("Imported")
        FAILED = "failed", _("Failed")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="import_batches")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    file_name = models.CharField(max_length=255)
    stored_path = models.CharField(max_length=500, blank=True)
    file_format = models.CharField(max_length=20)  # "csv", "jsonl" … or "media-<source>"
    encoding = models.CharField(max_length=30, blank=True)
    size_bytes = models.BigIntegerField(default=0)
    bytes_read = models.BigIntegerField(default=0)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED)
    rows_read = models.PositiveIntegerField(default=0)
    items_created = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)


class Item(models.Model):
    """One piece of raw data (원천데이터).

    `open_slots` is how many more workers may take the item (target_overlap minus live leases and
    submissions). Items of an unpublished import are written with open_slots = 0, so the partial
    queue index never sees them until the batch is published.
    """

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="items")
    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, null=True, blank=True, related_name="items")
    external_id = models.CharField(max_length=200, blank=True)
    data = models.JSONField()
    target_overlap = models.PositiveSmallIntegerField(default=1)
    open_slots = models.PositiveSmallIntegerField(default=0)
    priority = models.BigIntegerField(default=0)
    is_published = models.BooleanField(default=False)
    # A pre-label shown to workers as an editable start: {"result": {control: value}, "source": "import" or
    # "model:<name>", "confidence": 0..1 or null}. Never an answer; the stored annotation says what was kept.
    prediction = models.JSONField(null=True, blank=True)
    # Set while a report of personal data holds the item back from everyone but the project's managers
    # (datadam/projects/withheld.py); cleared when a manager releases it, kept when they remove it.
    withheld_since = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [
            # The labeling queue: only items with free slots, in priority order.
            models.Index(fields=["project", "priority", "id"], condition=Q(open_slots__gt=0), name="item_queue_idx"),
            models.Index(fields=["project", "id"], name="item_project_idx"),
        ]
