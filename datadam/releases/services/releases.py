"""Releases: cut a frozen snapshot, build its files in the background, sign the report off, publish.

A release is frozen at the cut: every item's data and label is copied into ReleaseEntry rows, so later edits
to the project never reach it. The build writes the files from those rows only, records each file's SHA-256
and the manifest's hash, and makes the files visible (ReleaseFile rows) in one transaction at the very end:
a build killed half-way shows nothing and can be started again.
"""

import re

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from datadam.accounts.models import User
from datadam.audit.services import audit_record_project
from datadam.core.errors import Conflict, Invalid, NotFound
from datadam.projects.models import Project
from datadam.releases import permissions, publish_hooks, report, tasks
from datadam.releases.build import STALE_AFTER, release_build_run
from datadam.releases.models import QualityTargets, Release
from datadam.releases.services import cut
from datadam.releases.split import stratum_of, validation_ids

__all__ = ["release_build_run"]  # the build lives in releases.build, which the task imports
VERSION = re.compile(r"^v\d{1,4}\.\d{1,4}\.\d{1,4}$")


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
    """Freeze the project's labels and its description into a new release and queue its build.

    Refused without accepted work. A consensus release aggregates the accepted answers now, with the project's
    method, and leaves out (and counts) the items whose overlap is not complete."""
    _check_cut(actor=actor, project=project, version=version, source=source, validation_percent=validation_percent)
    if source == Release.Source.CONSENSUS:
        labels = cut.consensus_labels(project)
        strata = {row[0]: stratum_of(project.schema, row[1]) for row in labels.rows}
    else:
        labels = None
        strata = {item_id: stratum_of(project.schema, result) for item_id, result in cut.accepted_results(project)}
    if not strata:
        raise Invalid(_nothing_to_release(labels))
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
    if labels is None:
        cut.copy_accepted_entries(release)
        cut.mark_split(release, strata, to_validation)
    else:
        cut.write_entries(release, labels, strata, to_validation)
    floor = _targets(project).consensus_floor
    release.snapshot = cut.project_snapshot(project) | {
        "figures": report.cut_figures(release),
        "consensus": report.consensus_figures(release, labels.consensus, floor) if labels else None,
    }
    release.save(update_fields=["snapshot"])
    audit_record_project(
        actor=actor, action="release.cut", target=release, project=project, detail={"version": version}
    )
    transaction.on_commit(lambda: tasks.release_build_task.enqueue(release.id))
    return release


def _nothing_to_release(labels: "cut.Labels | None") -> str:
    if labels is not None and labels.consensus.get("overlap_incomplete"):
        return _(
            "No item has all its labelers' accepted answers yet (%(count)d items are still waiting for theirs), "
            "so there is no consensus to release. Review more work, then cut the release."
        ) % {"count": labels.consensus["overlap_incomplete"]}
    return _("This project has no accepted items yet. Review some work and accept it, then cut the release.")


def _targets(project: Project) -> QualityTargets:
    return QualityTargets.objects.filter(project=project).first() or QualityTargets(project=project)


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
    publish_hooks.release_published(release=release)  # the catalog's data set page, made on the first release
    release.status, release.published_at = Release.Status.PUBLISHED, timezone.now()
    release.save(update_fields=["status", "published_at"])
    audit_record_project(actor=actor, action="release.publish", target=release, project=release.project)
    return release


def quality_targets_update(
    *,
    actor: User,
    project: Project,
    format_validity: float,
    syntactic_accuracy: float,
    semantic_accuracy: float,
    consensus_floor: float | None = None,
) -> QualityTargets:
    if not permissions.can_manage_releases(actor, project):
        raise NotFound(_("No such project."))
    values = {
        "format_validity": format_validity,
        "syntactic_accuracy": syntactic_accuracy,
        "semantic_accuracy": semantic_accuracy,
    }
    if consensus_floor is not None:
        values["consensus_floor"] = consensus_floor
    if any(value is None or not 0 <= value <= 100 for value in values.values()):
        raise Invalid(_("A target is a percentage between 0 and 100."))
    targets, _created = QualityTargets.objects.update_or_create(project=project, defaults=values)
    audit_record_project(actor=actor, action="release.targets_update", target=targets, project=project)
    return targets
