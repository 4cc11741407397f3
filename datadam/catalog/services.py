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
from datadam.catalog.models import Dataset, Download, TermsAcceptance
from datadam.core.errors import Invalid, NotFound
from datadam.projects import permissions
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


def dataset_ensure(*, project: Project) -> Dataset:
    """The project's data set page, made with plain defaults the first time a release is published."""
    dataset, _created = Dataset.objects.get_or_create(
        project=project, defaults={"slug": _new_slug(project), "title_ko": project.name, "title_en": project.name}
    )
    return dataset


@transaction.atomic
def dataset_update(*, actor: User, project: Project, **fields) -> Dataset:
    """Write the datasheet. Only the project's managers may; unknown fields are refused."""
    if not permissions.can_manage_project(actor, project):
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


def visitor_key(*, user, address: str, agent: str) -> str:
    """Who downloads: the person when logged in, else a keyed hash of address and browser (no raw address kept)."""
    if user is not None and user.is_authenticated:
        return f"u{user.id}"
    raw = f"{address}|{agent}|{settings.SECRET_KEY}".encode()
    return "a" + hashlib.sha256(raw).hexdigest()[:40]


def download_count(*, file: ReleaseFile, visitor: str) -> bool:
    """Count one finished download; a second one by the same visitor of the same file on the same day is not."""
    try:
        with transaction.atomic():
            Download.objects.create(file=file, day=timezone.localdate(), visitor=visitor)
    except IntegrityError:
        return False
    return True
