"""Releases: cut a frozen snapshot, build its files in the background, sign the report off, publish.

A release is frozen at the cut: every item's data and label is copied into ReleaseEntry rows, so later edits
to the project never reach it. The build writes the files from those rows only, records each file's SHA-256
and the manifest's hash, and makes the files visible (ReleaseFile rows) in one transaction at the very end:
a build killed half-way shows nothing and can be started again.
"""

import itertools
import logging
import re
import shutil
import tempfile
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from datadam.accounts.models import User
from datadam.audit.services import audit_record_project
from datadam.catalog import services as catalog_services
from datadam.core.errors import Conflict, Invalid, NotFound, PermissionDenied
from datadam.labeling.models import Annotation
from datadam.projects.models import Item, Project
from datadam.quality.models import GoldItem
from datadam.quality.selectors import consensus_for_project
from datadam.releases import package, permissions, report, tasks
from datadam.releases.models import QualityTargets, Release, ReleaseEntry, ReleaseFile
from datadam.releases.split import stratum_of, validation_ids

log = logging.getLogger(__name__)
VERSION = re.compile(r"^v\d{1,4}\.\d{1,4}\.\d{1,4}$")
BATCH = 2000
STALE_AFTER = timedelta(minutes=2)  # a build whose heartbeat is older than this was killed


def _label_rows(project: Project, source: str) -> Iterator[tuple]:
    """(item_id, external_id, data, result, annotation_id) per item, in item order, one label per item."""
    if source == Release.Source.CONSENSUS:
        yield from _consensus_rows(project)
        return
    yield from _accepted_rows(project)


def _accepted_rows(project: Project) -> Iterator[tuple]:
    rows = (
        Annotation.objects.filter(project=project, status=Annotation.Status.ACCEPTED, item__gold__isnull=True)
        .order_by("item_id", "-id")  # the newest accepted version wins (a reviewer's correction included)
        .values_list("item_id", "item__external_id", "item__data", "result", "id")
        .iterator(chunk_size=BATCH)
    )
    for _item_id, group in itertools.groupby(rows, key=lambda row: row[0]):
        yield next(group)


def _consensus_rows(project: Project) -> Iterator[tuple]:
    """The quality engine's consensus where overlapped workers reached one, else the item's accepted label."""
    gold = set(GoldItem.objects.filter(project=project).values_list("item_id", flat=True))
    consensus = {
        int(item_id): value[0] if isinstance(value, tuple | list) else value
        for item_id, value in consensus_for_project(project).items()
        if int(item_id) not in gold
    }
    for item_id, external_id, data, result, annotation_id in _accepted_rows(project):
        if item_id in consensus:
            yield item_id, external_id, data, consensus.pop(item_id), None
        else:
            yield item_id, external_id, data, result, annotation_id
    items = project.items.filter(id__in=list(consensus)).order_by("id").values_list("id", "external_id", "data")
    for item_id, external_id, data in items.iterator(chunk_size=BATCH):
        yield item_id, external_id, data, consensus[item_id], None


def _check_cut(*, actor: User, project: Project, version: str, source: str, validation_percent: int) -> None:
    if not permissions.can_manage_releases(actor, project):
        raise NotFound(_("No such project."))
    if not VERSION.match(version):
        raise Invalid(_("Write the version as v1.0.0: a v and three numbers with dots."))
    if source not in Release.Source.values:
        raise Invalid(_("Choose accepted or consensus labels."))
    if not 0 <= validation_percent <= 50:
        raise Invalid(_("The validation share must be between 0 and 50 percent."))
    if Release.objects.filter(project=project, version=version).exists():
        raise Conflict(_("This project already has a release %(version)s.") % {"version": version})


@transaction.atomic
def release_cut(
    *,
    actor: User,
    project: Project,
    version: str,
    notes: str = "",
    source: str = Release.Source.ACCEPTED,
    validation_percent: int = 10,
) -> Release:
    """Freeze the project's labels into a new release and queue its build. Refused without accepted items."""
    _check_cut(actor=actor, project=project, version=version, source=source, validation_percent=validation_percent)
    strata = {item_id: stratum_of(project.schema, result) for item_id, result in _label_results(project, source)}
    if not strata:
        raise Invalid(
            _("This project has no accepted items yet. Review some work and accept it, then cut the release.")
        )
    to_validation = validation_ids(project.id, strata, validation_percent)
    release = Release.objects.create(
        project=project,
        version=version,
        notes=notes,
        source=source,
        validation_percent=validation_percent,
        cut_by=actor,
        items_in_project=project.items.count(),
        entries_total=len(strata),
    )
    if source == Release.Source.ACCEPTED:
        _copy_accepted_entries(release, strata, to_validation)
    else:
        _write_entries(release, _label_rows(project, source), strata, to_validation)
    audit_record_project(
        actor=actor, action="release.cut", target=release, project=project, detail={"version": version}
    )
    transaction.on_commit(lambda: tasks.release_build_task.enqueue(release.id))
    return release


def _label_results(project: Project, source: str) -> Iterator[tuple[int, dict]]:
    """(item_id, result) per item: the light first pass that decides the split."""
    if source == Release.Source.CONSENSUS:
        yield from ((row[0], row[3]) for row in _consensus_rows(project))
        return
    rows = (
        Annotation.objects.filter(project=project, status=Annotation.Status.ACCEPTED, item__gold__isnull=True)
        .order_by("item_id", "-id")
        .values_list("item_id", "result")
        .iterator(chunk_size=BATCH)
    )
    for _item_id, group in itertools.groupby(rows, key=lambda row: row[0]):
        yield next(group)


def _copy_accepted_entries(release: Release, strata: dict, to_validation: set) -> None:
    """Copy each item's newest accepted label with one INSERT … SELECT inside the database (100,000 items in
    seconds, where building the rows in Python takes half a minute), then mark the split and strata."""
    entry, annotation, item, gold = (model._meta.db_table for model in (ReleaseEntry, Annotation, Item, GoldItem))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {entry} (release_id, item_id, external_id, data, result, annotation_id, stratum, split) "
            f"SELECT %s, a.item_id, i.external_id, i.data, a.result, a.id, '', %s "
            f"FROM {annotation} a JOIN {item} i ON i.id = a.item_id "
            f"WHERE a.project_id = %s AND a.status = %s AND a.id = ("
            f"SELECT MAX(b.id) FROM {annotation} b WHERE b.item_id = a.item_id AND b.status = %s) "
            f"AND NOT EXISTS (SELECT 1 FROM {gold} g WHERE g.item_id = a.item_id)",  # gold items are tests, not data
            [release.id, ReleaseEntry.Split.TRAINING, release.project_id, Annotation.Status.ACCEPTED,
             Annotation.Status.ACCEPTED],
        )
    entries = ReleaseEntry.objects.filter(release=release)
    for batch in itertools.batched(sorted(to_validation), 500):
        entries.filter(item_id__in=batch).update(split=ReleaseEntry.Split.VALIDATION)
    by_stratum: dict[str, list[int]] = {}
    for item_id, stratum in strata.items():
        if stratum:
            by_stratum.setdefault(stratum, []).append(item_id)
    for stratum, ids in by_stratum.items():
        for batch in itertools.batched(ids, 500):
            entries.filter(item_id__in=batch).update(stratum=stratum)


def _write_entries(release: Release, rows: Iterator[tuple], strata: dict, to_validation: set) -> None:
    def entry(row: tuple) -> ReleaseEntry:
        item_id, external_id, data, result, annotation_id = row
        split = ReleaseEntry.Split.VALIDATION if item_id in to_validation else ReleaseEntry.Split.TRAINING
        return ReleaseEntry(
            release=release,
            item_id=item_id,
            external_id=external_id or "",
            data=data,
            result=result,
            annotation_id=annotation_id,
            stratum=strata[item_id],
            split=split,
        )

    for batch in itertools.batched((entry(row) for row in rows), BATCH):
        ReleaseEntry.objects.bulk_create(batch)


def _claim(release_id: int) -> bool:
    """Take the build for this worker; False when it is done or another worker is building it right now."""
    stale = timezone.now() - STALE_AFTER
    claimable = Q(status__in=[Release.Status.QUEUED, Release.Status.FAILED]) | Q(
        status=Release.Status.BUILDING, heartbeat_at__lt=stale
    )
    with transaction.atomic():
        release = Release.objects.select_for_update().filter(claimable, id=release_id).first()
        if release is None:
            return False
        Release.objects.filter(id=release_id).update(
            status=Release.Status.BUILDING, attempt=release.attempt + 1, entries_done=0,
            heartbeat_at=timezone.now(), error="",
        )
    return True


def release_build_run(*, release_id: int) -> Release:
    """Build the release's files in a scratch folder, store them, then show them all at once."""
    if not _claim(release_id):
        return Release.objects.get(id=release_id)
    release = Release.objects.select_related("project").get(id=release_id)
    prefix = f"releases/{release.project_id}/{release.id}/attempt-{release.attempt}"
    scratch = Path(tempfile.mkdtemp(prefix="release-", dir=_scratch_root()))
    stored: list[str] = []
    try:
        outcome = package.build(release, scratch, progress=lambda done: _beat(release.id, done))
        figures = report.compute(release, outcome.collector)
        files = package.finish(release, scratch, figures)
        rows = [_store(release, prefix, scratch, spec, stored) for spec in files]
        _show(release, rows, figures, package.manifest_hash(scratch))
    except Exception as exc:  # a failed build must say so on its page instead of spinning forever
        log.exception("release build %s failed", release.id)
        for name in stored:
            default_storage.delete(name)
        Release.objects.filter(id=release.id).update(
            status=Release.Status.FAILED, error=str(exc)[:500], heartbeat_at=timezone.now()
        )
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    release.refresh_from_db()
    return release


def _scratch_root() -> Path:
    root = Path(settings.DATA_DIR) / "tmp"
    root.mkdir(parents=True, exist_ok=True)
    return root


def _beat(release_id: int, done: int) -> None:
    Release.objects.filter(id=release_id).update(entries_done=done, heartbeat_at=timezone.now())


def _store(release: Release, prefix: str, scratch: Path, spec: package.BuiltFile, stored: list[str]) -> ReleaseFile:
    with (scratch / spec.name).open("rb") as handle:
        name = default_storage.save(f"{prefix}/{spec.name}", handle)
    stored.append(name)
    return ReleaseFile(
        release=release, name=spec.name, stored_path=name, size_bytes=spec.size, sha256=spec.sha256, kind=spec.kind
    )


@transaction.atomic
def _show(release: Release, rows: list[ReleaseFile], figures: dict, manifest_sha256: str) -> None:
    ReleaseFile.objects.filter(release=release).delete()
    ReleaseFile.objects.bulk_create(rows)
    Release.objects.filter(id=release.id).update(
        status=Release.Status.BUILT,
        report=figures,
        manifest_sha256=manifest_sha256,
        entries_done=release.entries_total,
        built_at=timezone.now(),
        heartbeat_at=timezone.now(),
    )


@transaction.atomic
def release_build_restart(*, actor: User, release: Release) -> Release:
    """Start a failed build again, or one whose worker was killed (its heartbeat stopped)."""
    if not permissions.can_manage_releases(actor, release.project):
        raise NotFound(_("No such release."))
    release = Release.objects.select_for_update().get(id=release.id)
    stale = release.heartbeat_at is None or release.heartbeat_at < timezone.now() - STALE_AFTER
    if release.status == Release.Status.BUILDING and not stale:
        raise Conflict(_("The build is running. Wait a few minutes before starting it again."))
    if release.status not in (Release.Status.FAILED, Release.Status.BUILDING, Release.Status.QUEUED):
        raise Conflict(_("This release is already built."))
    release.status = Release.Status.QUEUED
    release.save(update_fields=["status"])
    audit_record_project(actor=actor, action="release.restart", target=release, project=release.project)
    transaction.on_commit(lambda: tasks.release_build_task.enqueue(release.id))
    return release


@transaction.atomic
def release_sign_off(*, actor: User, release: Release, override_reason: str = "") -> Release:
    """A verifier independent of the project signs the report off; below a target they must give a reason."""
    if not permissions.is_verifier_for(actor, release.project):
        if permissions.can_manage_releases(actor, release.project):
            raise PermissionDenied(_("Only a verifier who does not work on this project can sign its report off."))
        raise NotFound(_("No such release."))
    if not permissions.is_independent_of(actor, release.project):
        raise PermissionDenied(_("You work on this project, so you cannot verify its release."))
    if release.status != Release.Status.BUILT:
        raise Conflict(_("Only a built release that is not yet published can be signed off."))
    override_reason = override_reason.strip()
    if release.report.get("below_target") and not override_reason:
        raise Invalid(
            _("The report is below a target. Write why it may still be published, or do not sign it off.")
        )
    release.signed_by, release.signed_at = actor, timezone.now()
    release.override_reason = override_reason if release.report.get("below_target") else ""
    release.save(update_fields=["signed_by", "signed_at", "override_reason"])
    audit_record_project(
        actor=actor, action="release.sign_off", target=release, project=release.project,
        detail={"override": bool(release.override_reason)},
    )
    return release


@transaction.atomic
def release_publish(*, actor: User, release: Release) -> Release:
    """Put a signed-off release into the public catalog (its data set page is made on the first release)."""
    if not permissions.can_manage_releases(actor, release.project):
        raise NotFound(_("No such release."))
    if release.status != Release.Status.BUILT:
        raise Conflict(_("Only a built release that is not yet published can be published."))
    if release.signed_at is None:
        raise Conflict(_("A verifier must sign the quality report off before the release is published."))
    if release.report.get("below_target") and not release.override_reason:
        raise Invalid(_("The report is below a target and the verifier gave no reason, so it cannot be published."))
    catalog_services.dataset_ensure(project=release.project)
    release.status, release.published_at = Release.Status.PUBLISHED, timezone.now()
    release.save(update_fields=["status", "published_at"])
    audit_record_project(actor=actor, action="release.publish", target=release, project=release.project)
    return release


def quality_targets_update(
    *, actor: User, project: Project, format_validity: float, syntactic_accuracy: float, semantic_accuracy: float
) -> QualityTargets:
    if not permissions.can_manage_releases(actor, project):
        raise NotFound(_("No such project."))
    values = (format_validity, syntactic_accuracy, semantic_accuracy)
    if any(not 0 <= value <= 100 for value in values):
        raise Invalid(_("A target is a percentage between 0 and 100."))
    targets, _created = QualityTargets.objects.update_or_create(
        project=project,
        defaults=dict(zip(("format_validity", "syntactic_accuracy", "semantic_accuracy"), values, strict=True)),
    )
    audit_record_project(actor=actor, action="release.targets_update", target=targets, project=project)
    return targets
