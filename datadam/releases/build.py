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
from django.utils.translation import gettext as _

from datadam.operations.pause import pause_point
from datadam.releases import package, report
from datadam.releases.models import Release, ReleaseFile

log = logging.getLogger(__name__)
STALE_AFTER = timedelta(minutes=2)  # a build whose heartbeat is older than this was killed


def _claim(release_id: int, take_over: bool) -> bool:
    """Take the build for this worker; False when it is done or another worker is building it right now.
    `take_over`: the worker of the task's earlier attempt is known dead (operations.reaper), so its build
    is taken over at once instead of after STALE_AFTER."""
    stale = timezone.now() - STALE_AFTER
    claimable = Q(status__in=[Release.Status.QUEUED, Release.Status.FAILED]) | Q(
        status=Release.Status.BUILDING, heartbeat_at__lt=stale
    )
    if take_over:
        claimable |= Q(status=Release.Status.BUILDING)
    with transaction.atomic():
        release = Release.objects.select_for_update().filter(claimable, id=release_id).first()
        if release is None:
            return False
        Release.objects.filter(id=release_id).update(
            status=Release.Status.BUILDING, attempt=release.attempt + 1, entries_done=0,
            heartbeat_at=timezone.now(), error="",
        )
    return True


def release_build_run(*, release_id: int, take_over: bool = False) -> Release:
    """Build the release's files in a scratch folder, store them, then show them all at once."""
    if not _claim(release_id, take_over):
        return Release.objects.get(id=release_id)
    release = Release.objects.select_related("project").get(id=release_id)
    _earlier_attempts_delete(release)
    prefix = _attempt_prefix(release, release.attempt)
    scratch = Path(tempfile.mkdtemp(prefix="release-", dir=_scratch_root()))
    stored: list[str] = []
    try:
        outcome = package.build(release, scratch, progress=lambda done: _beat(release.id, done))
        figures = report.compute(release, outcome.collector)
        files = package.finish(release, scratch, figures)
        rows = [_store(release, prefix, scratch, spec, stored) for spec in files]
        pause_point("release-show")  # tests kill the worker here: the files stored, not yet shown
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


def _attempt_prefix(release: Release, attempt: int) -> str:
    return f"releases/{release.project_id}/{release.id}/attempt-{attempt}"


def _earlier_attempts_delete(release: Release) -> None:
    """A killed build may have stored files it never showed: they go, so a release keeps one set of files."""
    for attempt in range(1, release.attempt):
        _folder_delete(_attempt_prefix(release, attempt))


def _folder_delete(folder: str) -> None:
    try:
        folders, names = default_storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in names:
        default_storage.delete(f"{folder}/{name}")
    for inner in folders:
        _folder_delete(f"{folder}/{inner}")


def release_given_up(args: list, kwargs: dict, _reason: str) -> None:
    """The reaper gave the build up (its workers kept dying): the page says so and offers a restart."""
    release_id = args[0] if args else kwargs["release_id"]
    Release.objects.filter(id=release_id, status__in=[Release.Status.QUEUED, Release.Status.BUILDING]).update(
        status=Release.Status.FAILED,
        error=_("The worker building this release stopped before it finished, and the build was given up."),
        heartbeat_at=timezone.now(),
    )


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
