"""Writes of the catalog: a project's datasheet, a person's acceptance of its terms, counted downloads."""

import hashlib
import secrets

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from datadam.accounts.models import User
from datadam.audit.services import audit_record_project
from datadam.catalog import permissions
from datadam.catalog.models import Dataset, Download, DownloadProgress, TermsAcceptance
from datadam.core.errors import Invalid, NotFound
from datadam.projects.models import Project
from datadam.releases.models import ReleaseFile

DATASHEET_FIELDS = (
    "title_ko", "title_en", "domain", "licence", "summary_ko", "summary_en", "motivation_ko", "motivation_en",
    "composition_ko", "composition_en", "collection_ko", "collection_en", "workforce_ko", "workforce_en",
    "requires_login", "terms",
)


def _new_slug(project: Project) -> str:
    """A readable address that is never a bare number (public pages carry no ids)."""
    base = slugify(project.name)[:60] or "dataset"
    return f"{base}-{secrets.token_hex(3)}"


def dataset_ensure_for_release(*, release) -> None:
    """Registered in CatalogConfig.ready: publishing a release makes its project's data set page, once."""
    dataset_ensure(project=release.project)


def dataset_ensure(*, project: Project) -> Dataset:
    """The project's data set page, made with plain defaults the first time a release is published."""
    dataset, _created = Dataset.objects.get_or_create(
        project=project, defaults={"slug": _new_slug(project), "title_ko": project.name, "title_en": project.name}
    )
    return dataset


@transaction.atomic
def dataset_update(*, actor: User, project: Project, **fields) -> Dataset:
    """Write the datasheet. Only the project's managers may; unknown fields are refused."""
    if not permissions.can_edit_datasheet(actor, project):
        raise NotFound(_("No such project."))
    unknown = set(fields) - set(DATASHEET_FIELDS)
    if unknown:
        raise Invalid(_("Unknown datasheet field: %(name)s") % {"name": sorted(unknown)[0]})
    if "title_ko" in fields and not str(fields["title_ko"]).strip():
        raise Invalid(_("The data set needs a Korean title."))
    dataset = dataset_ensure(project=project)
    for name, value in fields.items():
        setattr(dataset, name, value)
    dataset.full_clean()
    dataset.save()
    audit_record_project(actor=actor, action="dataset.update", target=dataset, project=project)
    return dataset


def terms_accept(*, actor: User, dataset: Dataset) -> TermsAcceptance:
    acceptance, _created = TermsAcceptance.objects.get_or_create(dataset=dataset, user=actor)
    return acceptance


MAX_PIECES = 64  # separate parts kept per visitor, file and day; a visitor who asks for more gets no more credit


def visitor_key(*, user, address: str) -> str:
    """Who downloads: the person when logged in, else a keyed hash of the address (no raw address kept).

    The browser's name is left out on purpose: a visitor could change it with every request."""
    if user is not None and user.is_authenticated:
        return f"u{user.id}"
    raw = f"{address}|{settings.SECRET_KEY}".encode()
    return "a" + hashlib.sha256(raw).hexdigest()[:40]


def download_count(*, file: ReleaseFile, visitor: str) -> bool:
    """Count one finished download; a second one by the same visitor of the same file on the same day is not."""
    try:
        with transaction.atomic():
            Download.objects.create(file=file, day=timezone.localdate(), visitor=visitor)
    except IntegrityError:
        return False
    return True


def download_bytes_sent(*, file: ReleaseFile, visitor: str, first: int, last: int) -> bool:
    """Record that bytes first…last (inclusive) of the file reached the visitor; count the download (once a day)
    when the visitor has had every byte of the file today, in one answer or in any number of ranges.

    Parallel ranges of one visitor (a download manager) meet on the progress row's lock. Returns True when
    this call counted the download."""
    if first <= 0 and last >= file.size_bytes - 1:
        return download_count(file=file, visitor=visitor)
    day = timezone.localdate()
    with transaction.atomic():
        if Download.objects.filter(file=file, day=day, visitor=visitor).exists():
            return False
        progress, created = DownloadProgress.objects.select_for_update().get_or_create(
            file=file, day=day, visitor=visitor
        )
        if created:
            DownloadProgress.objects.filter(day__lt=day).delete()
        pieces = merge_pieces([*progress.pieces, [first, last]])
        if pieces == [[0, file.size_bytes - 1]]:
            progress.delete()
            return download_count(file=file, visitor=visitor)
        if len(pieces) <= MAX_PIECES:
            progress.pieces = pieces
            progress.save(update_fields=["pieces"])
    return False


def merge_pieces(pieces: list[list[int]]) -> list[list[int]]:
    """Sorted byte ranges, overlapping and touching ones joined: [[10, 19], [0, 9], [30, 39]] → [[0, 19], [30, 39]]."""
    merged: list[list[int]] = []
    for first, last in sorted(pieces):
        if merged and first <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], last)
        else:
            merged.append([first, last])
    return merged
