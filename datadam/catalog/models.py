from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from datadam.projects.models import Project
from datadam.releases.models import ReleaseFile


class Dataset(models.Model):
    """A project's public face in the catalog: its datasheet in Korean and English, licence and download terms."""

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="dataset")
    slug = models.SlugField(_("address"), max_length=80, unique=True, allow_unicode=True)
    title_ko = models.CharField(_("title (Korean)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    domain = models.CharField(_("domain"), max_length=60, blank=True)
    licence = models.CharField(_("licence"), max_length=60, default="CC BY 4.0")
    summary_ko = models.TextField(_("summary (Korean)"), blank=True)
    summary_en = models.TextField(_("summary (English)"), blank=True)
    motivation_ko = models.TextField(_("motivation (Korean)"), blank=True)
    motivation_en = models.TextField(_("motivation (English)"), blank=True)
    composition_ko = models.TextField(_("composition (Korean)"), blank=True)
    composition_en = models.TextField(_("composition (English)"), blank=True)
    collection_ko = models.TextField(_("how it was collected (Korean)"), blank=True)
    collection_en = models.TextField(_("how it was collected (English)"), blank=True)
    workforce_ko = models.TextField(_("crowd workers, their training and pay (Korean)"), blank=True)
    workforce_en = models.TextField(_("crowd workers, their training and pay (English)"), blank=True)
    requires_login = models.BooleanField(_("log-in needed to download"), default=False)
    terms = models.TextField(_("terms a person must accept before downloading"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.title_ko


class TermsAcceptance(models.Model):
    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="acceptances")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    accepted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["dataset", "user"], name="one_acceptance_per_person")]


class Download(models.Model):
    """One counted download: a person (or an anonymous visitor's key) and a file, once a day."""

    file = models.ForeignKey(ReleaseFile, on_delete=models.CASCADE, related_name="downloads")
    day = models.DateField()
    visitor = models.CharField(max_length=64)  # "u<user id>" or a keyed hash of an anonymous visitor's address
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["file", "day", "visitor"], name="one_download_a_day")]
        indexes = [models.Index(fields=["day"], name="download_day_idx")]


class DownloadProgress(models.Model):
    """The parts of a file a person (or an anonymous address) has received today, until they make a whole download.

    `pieces` holds the byte ranges sent, merged and sorted: [[first, last], …] (inclusive). The row goes when
    the download is counted; rows of past days are removed as new ones are made."""

    file = models.ForeignKey(ReleaseFile, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    visitor = models.CharField(max_length=64)
    pieces = models.JSONField(default=list)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["file", "day", "visitor"], name="one_progress_a_day")]
        indexes = [models.Index(fields=["day"], name="download_progress_day_idx")]
