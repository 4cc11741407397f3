from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from datadam.labeling.models import Annotation
from datadam.projects.models import Item, Project


class QualityPolicy(models.Model):
    """A project's quality settings. A project without a row uses the defaults below."""

    class Action(models.TextChoices):
        FLAG = "flag", _("Flag the worker for the manager")
        PAUSE = "pause", _("Pause the worker on this project")

    class Inspection(models.TextChoices):
        ALL = "all", _("Inspect all work")
        SAMPLING = "sampling", _("Sampling inspection (ISO 2859-1)")

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="quality_policy")
    honeypot_share = models.FloatField(
        _("share of gold items in each worker's stream"),
        default=0.0,
        validators=[MinValueValidator(0.0), MaxValueValidator(0.5)],
    )
    accuracy_floor = models.FloatField(
        _("lowest gold accuracy allowed"), default=0.6, validators=[MinValueValidator(0.0), MaxValueValidator(1.0)]
    )
    min_gold_answers = models.PositiveSmallIntegerField(_("gold answers before the floor applies"), default=5)
    agreement_threshold = models.FloatField(
        _("agreement below which an item gets one more worker"),
        default=0.5,
        validators=[MinValueValidator(0.0), MaxValueValidator(1.0)],
    )
    max_overlap = models.PositiveSmallIntegerField(
        _("most workers per item"), default=5, validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    aggregation_method = models.CharField(_("aggregation method"), max_length=10, default="auto")
    flag_action = models.CharField(_("when a worker is flagged"), max_length=10, choices=Action.choices,
                                   default=Action.FLAG)  # fmt: skip
    speed_ratio = models.FloatField(_("flag when the median time is below this share of the project's"), default=0.25)
    constant_share = models.FloatField(_("flag when one answer makes up this share"), default=0.95)
    burst_count = models.PositiveSmallIntegerField(_("flag this many submits …"), default=20)
    burst_seconds = models.PositiveIntegerField(_("… within this many seconds"), default=60)
    inspection = models.CharField(max_length=10, choices=Inspection.choices, default=Inspection.ALL)
    lot_size = models.PositiveIntegerField(_("items per lot"), default=50, validators=[MinValueValidator(2)])
    inspection_level = models.CharField(_("inspection level"), max_length=4, default="II")
    aql = models.FloatField(_("AQL (percent nonconforming)"), default=2.5)
    review_gold_share = models.FloatField(
        _("share of gold reviews in each reviewer's queue"),
        default=0.0,
        validators=[MinValueValidator(0.0), MaxValueValidator(0.5)],
    )
    reviewer_floor = models.FloatField(
        _("lowest share of a reviewer's verdicts confirmed (and of gold reviews agreed)"),
        default=0.7,
        validators=[MinValueValidator(0.0), MaxValueValidator(1.0)],
    )
    min_reviewer_verdicts = models.PositiveSmallIntegerField(_("decided verdicts before the floor applies"), default=10)


class GoldItem(models.Model):
    """An item with a known answer. Gold items stay out of the ordinary queue (open_slots 0) and are served
    as honeypots by the lease; their answers never count toward overlap."""

    class Source(models.TextChoices):
        IMPORTED = "imported", _("Imported with its answer")
        PROMOTED = "promoted", _("Promoted from accepted work")

    item = models.OneToOneField(Item, on_delete=models.CASCADE, related_name="gold")
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="gold_items")
    answer = models.JSONField()
    source = models.CharField(max_length=10, choices=Source.choices)
    explanation = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)


class Consensus(models.Model):
    """The aggregated label of an overlapped item; releases use it."""

    item = models.OneToOneField(Item, on_delete=models.CASCADE, related_name="consensus")
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="consensus_rows")
    result = models.JSONField()
    confidence = models.FloatField()
    method = models.CharField(max_length=20)
    workers = models.PositiveSmallIntegerField(default=0)
    agreement = models.FloatField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)


class WorkerFlag(models.Model):
    class Kind(models.TextChoices):
        SPEED = "speed", _("Much faster than the project's median")
        CONSTANT = "constant", _("The same answer for nearly everything")
        GOLD = "gold", _("Gold accuracy below the project's floor")
        BURST = "burst", _("A burst of submits")
        REVIEW = "review", _("Reviewer's verdicts confirmed below the project's floor")
        REVIEW_GOLD = "review_gold", _("Reviewer's agreement with gold reviews below the project's floor")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="worker_flags")
    worker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quality_flags")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    detail = models.CharField(max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["project", "worker", "kind"], name="quality_flag_idx")]


class WorkerPause(models.Model):
    """A worker paused on one project, as a labeler (the lease refuses them) or as a reviewer (the review queue
    does); either shows the reason."""

    class Role(models.TextChoices):
        LABELING = "labeling", _("Labeling")
        REVIEW = "review", _("Review")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="worker_pauses")
    worker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quality_pauses")
    reason = models.CharField(max_length=300)
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.LABELING)
    created_at = models.DateTimeField(auto_now_add=True)
    lifted_at = models.DateTimeField(null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        indexes = [models.Index(fields=["worker", "project"], name="quality_pause_idx")]


class SamplingState(models.Model):
    """Where one worker stands in a project's switching rules."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="+")
    worker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    stage = models.PositiveSmallIntegerField(default=1)  # the inspection stage whose lots these are
    severity = models.CharField(max_length=10, default="normal")
    history = models.JSONField(default=list)  # lot results since the last switch, True = accepted

    class Meta:
        constraints = [models.UniqueConstraint(fields=["project", "worker", "stage"], name="one_sampling_state")]


class Lot(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Being inspected")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected: inspected in full")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="lots")
    stage = models.PositiveSmallIntegerField(default=1)
    # The labeler whose work the lot holds, or at a later stage the earlier stage's reviewer (lots by reviewer).
    worker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    size = models.PositiveIntegerField()
    severity = models.CharField(max_length=10)
    letter = models.CharField(max_length=1)
    sample_size = models.PositiveIntegerField()
    accept_number = models.PositiveIntegerField()
    reject_number = models.PositiveIntegerField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)


class LotMember(models.Model):
    class Outcome(models.TextChoices):
        WAITING = "waiting", _("Waiting")
        INSPECTED = "inspected", _("Inspected")
        BY_SAMPLING = "by_sampling", _("Accepted by sampling")

    lot = models.ForeignKey(Lot, on_delete=models.CASCADE, related_name="members")
    annotation = models.ForeignKey(Annotation, on_delete=models.CASCADE, related_name="lot_members")
    stage = models.PositiveSmallIntegerField(default=1)  # the lot's stage, kept here for the constraint
    sampled = models.BooleanField(default=False)
    outcome = models.CharField(max_length=12, choices=Outcome.choices, default=Outcome.WAITING)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["annotation", "stage"], name="one_lot_per_stage")]


class GoldReview(models.Model):
    """A check for reviewers: an answer on a gold item whose right verdict is known. A known-wrong answer should
    be sent back, a known-right one accepted. It is served in the review queue like any work, but it is not an
    annotation: it never enters a release and never pays a labeler."""

    class Expected(models.TextChoices):
        ACCEPT = "accept", _("Should be accepted")
        REJECT = "reject", _("Should be sent back")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="gold_reviews")
    gold = models.ForeignKey(GoldItem, on_delete=models.CASCADE, related_name="reviews")
    result = models.JSONField()
    expected = models.CharField(max_length=10, choices=Expected.choices)
    explanation = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)


class GoldReviewServe(models.Model):
    """One gold review handed to one reviewer (once each), and their verdict when they gave it."""

    gold_review = models.ForeignKey(GoldReview, on_delete=models.CASCADE, related_name="serves")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    served_at = models.DateTimeField(auto_now_add=True)
    verdict = models.CharField(max_length=10, blank=True)  # accept, reject or correct; blank while open
    reason = models.CharField(max_length=200, blank=True)
    agreed = models.BooleanField(null=True)
    active_seconds = models.PositiveIntegerField(default=0)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["gold_review", "reviewer"], name="one_gold_review_serve")]
        indexes = [models.Index(fields=["reviewer", "answered_at"], name="gold_review_serve_idx")]
