from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from datadam.projects.models import Project

MAX_OPENINGS = 100_000


class JobPosting(models.Model):
    """A project's advertisement on the public job board: how many people it needs, where, until when."""

    class Mode(models.TextChoices):
        REMOTE = "remote", _("Remote")
        ONSITE = "onsite", _("On-site")
        HYBRID = "hybrid", _("Remote and on-site")

    class Language(models.TextChoices):
        KOREAN = "ko", _("Korean")
        ENGLISH = "en", _("English")
        OTHER = "other", _("Other language")

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="job_posting")
    labeler_openings = models.PositiveIntegerField(
        _("labelers wanted"), default=0, validators=[MaxValueValidator(MAX_OPENINGS)]
    )
    reviewer_openings = models.PositiveIntegerField(
        _("reviewers wanted"), default=0, validators=[MaxValueValidator(MAX_OPENINGS)]
    )
    duration_weeks = models.PositiveSmallIntegerField(
        _("duration (weeks)"), null=True, blank=True, validators=[MaxValueValidator(520)]
    )
    mode = models.CharField(_("where the work is done"), max_length=10, choices=Mode.choices, default=Mode.REMOTE)
    location = models.CharField(_("location"), max_length=200, blank=True)
    language = models.CharField(_("language"), max_length=10, choices=Language.choices, default=Language.KOREAN)
    deadline = models.DateField(_("apply by"), null=True, blank=True)
    is_open = models.BooleanField(_("open for applications"), default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    published_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [models.Index(fields=["is_open", "deadline"], name="job_posting_open_idx")]

    def __str__(self) -> str:
        return str(self.project)
