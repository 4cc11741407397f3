from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from datadam.projects.models import Project


class AssistSettings(models.Model):
    """A project's assistant switch and its queue order. No row means: assistant off, queue in id order."""

    class Kind(models.TextChoices):
        TEXT_CLASSIFIER = "text_classifier", _("Built-in text classifier (sentiment, topics)")
        SPAN_TAGGER = "span_tagger", _("Built-in named-entity tagger (text spans)")
        BACKEND = "backend", _("Model backend (your own model server)")

    class QueueOrder(models.TextChoices):
        ID = "id", _("In the order the items were imported")
        RANDOM = "random", _("At random")
        UNCERTAINTY = "uncertainty", _("Items the model is least sure about first")

    class Measure(models.TextChoices):
        LEAST_CONFIDENCE = "least_confidence", _("Least confidence")
        MARGIN = "margin", _("Margin between the top two labels")

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="assist_settings")
    enabled = models.BooleanField(_("assistant on"), default=False)
    kind = models.CharField(_("assistant"), max_length=20, choices=Kind.choices, default=Kind.TEXT_CLASSIFIER)
    retrain_every = models.PositiveIntegerField(
        _("retrain after this many new accepted labels"),
        default=50,
        validators=[MinValueValidator(1), MaxValueValidator(100_000)],
    )
    min_labels = models.PositiveIntegerField(
        _("fewest accepted labels to train on"),
        default=20,
        validators=[MinValueValidator(4), MaxValueValidator(100_000)],
    )
    queue_order = models.CharField(_("queue order"), max_length=20, choices=QueueOrder.choices, default=QueueOrder.ID)
    uncertainty_measure = models.CharField(
        _("uncertainty measure"), max_length=20, choices=Measure.choices, default=Measure.LEAST_CONFIDENCE
    )
    backend_url = models.URLField(_("model backend address"), blank=True, max_length=500)
    backend_timeout_seconds = models.FloatField(
        _("backend time-out (seconds)"), default=10.0, validators=[MinValueValidator(0.1), MaxValueValidator(300)]
    )
    backend_retries = models.PositiveSmallIntegerField(
        _("retries when the backend fails"), default=2, validators=[MaxValueValidator(5)]
    )
    backend_batch_size = models.PositiveSmallIntegerField(
        _("items per backend call"), default=32, validators=[MinValueValidator(1), MaxValueValidator(1000)]
    )
    # The retrain lock: set by the one task that claimed the work, cleared when it ends. A second task finds
    # it set and stops (a claim older than an hour is taken over: its worker died).
    busy_since = models.DateTimeField(null=True, blank=True)
    # A manager asked for a run that has not finished yet (the page polls while it is set).
    run_requested_at = models.DateTimeField(null=True, blank=True)
    # Accepted labels counted at the last training: retrain once `retrain_every` more have come in.
    labels_at_last_run = models.PositiveIntegerField(default=0)
    random_seed = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"assist settings of {self.project_id}"


class ModelVersion(models.Model):
    """One training (or one backend run): the model card's figures and, for built-in models, the model itself."""

    class Status(models.TextChoices):
        TRAINED = "trained", _("Trained")
        SKIPPED = "skipped", _("Skipped")
        FAILED = "failed", _("Failed")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="model_versions")
    kind = models.CharField(max_length=20, choices=AssistSettings.Kind.choices)
    name = models.CharField(max_length=200)
    status = models.CharField(max_length=10, choices=Status.choices)
    reason = models.TextField(blank=True)
    # Why training was skipped, for the translated model card: too_few, one_class, no_spans, no_<kind>_control.
    reason_code = models.CharField(max_length=40, blank=True)
    needed_labels = models.PositiveIntegerField(default=0)
    # What the labels were: "accepted" (reviewers accepted them) or a plain note (the demo's true labels).
    trained_on = models.CharField(max_length=200, default="accepted")
    label_count = models.PositiveIntegerField(default=0)
    heldout_count = models.PositiveIntegerField(default=0)
    heldout_metric = models.CharField(max_length=20, blank=True)  # "accuracy" or "span_f1"
    heldout_score = models.FloatField(null=True, blank=True)
    heldout_correct = models.PositiveIntegerField(null=True, blank=True)
    predicted_count = models.PositiveIntegerField(default=0)
    # The fitted model, pickled by this app only (never read from an upload); only the newest version keeps it.
    artifact = models.BinaryField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["project", "-created_at"], name="model_version_project_idx")]


class AssistProblem(models.Model):
    """Something that went wrong (a backend down, slow, malformed, off the schema), shown to the project's managers."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="assist_problems")
    what = models.CharField(max_length=40)
    message = models.TextField()
    item_id = models.BigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["project", "-created_at"], name="assist_problem_project_idx")]
