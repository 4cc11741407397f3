"""The build of a release, in a background worker: write its files in a scratch folder, store them, show them.

The files become visible (ReleaseFile rows) in one transaction at the very end: a build killed half-way shows
nothing and can be started again. releases.tasks runs it; the services that cut or restart a release schedule
the task. This module imports no task, so the task and those services never import each other.
"""

import logging
import shutil
import tempfile
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from datadam.releases import package, report
from datadam.releases.models import Release, ReleaseFile

log = logging.getLogger(__name__)
STALE_AFTER = timedelta(minutes=2)  # a build whose heartbeat is older than this was killed


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
