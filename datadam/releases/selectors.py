from django.db.models import QuerySet
from django.utils.translation import gettext as _

from datadam.core.errors import NotFound
from datadam.projects import access
from datadam.releases import exporters
from datadam.releases.models import ExportJob, QualityTargets, Release, ReleaseFile, Verifier, VerifierDecision


def export_job_list(*, actor, project_id: int) -> QuerySet[ExportJob]:
    jobs = access.scope_to_staff(ExportJob.objects.filter(project_id=project_id), actor, "project__organization")
    return jobs.order_by("-created_at")


def export_job_get(*, actor, job_id: int) -> ExportJob:
    job = access.scope_to_staff(ExportJob.objects.filter(id=job_id), actor, "project__organization")
    job = job.select_related("project").first()
    if job is None:
        raise NotFound(_("No such export."))
    return job


def export_format_list(*, project) -> list[dict]:
    """Every registered format with whether it fits the project (already scoped by the caller), and why not."""
    listed = []
    for name, exporter in exporters.FORMATS.items():
        reason = exporter.supports(project)
        listed.append(
            {"name": name, "title": str(exporter.TITLE), "extension": exporter.EXTENSION, "fits": reason is None,
             "reason": reason}
        )
    return listed


def release_list(*, actor, project_id: int) -> QuerySet[Release]:
    releases = access.scope_to_staff(Release.objects.filter(project_id=project_id), actor, "project__organization")
    return releases.order_by("-cut_at", "-id")


def release_get(*, actor, project_id: int, release_id: int) -> Release:
    """A release for its project's staff, or for a verifier of the project's organization; NotFound otherwise."""
    visible = access.staff_filter(actor, "project__organization") | access.organization_filter(
        _verified_organization_ids(actor), "project__organization"
    )
    release = (
        Release.objects.filter(visible, id=release_id, project_id=project_id).select_related("project").first()
    )
    if release is None:
        raise NotFound(_("No such release."))
    return release


def _verified_organization_ids(actor) -> QuerySet:
    """Ids of the organizations whose releases the actor verifies (a subquery; none for anonymous visitors)."""
    if not actor.is_authenticated:
        return Verifier.objects.none().values("organization_id")
    return Verifier.objects.filter(user=actor).values("organization_id")


def release_list_to_verify(*, actor) -> QuerySet[Release]:
    """Built releases waiting for this verifier's sign-off, of the organizations they verify for."""
    releases = Release.objects.filter(status=Release.Status.BUILT, signed_at__isnull=True)
    return (
        access.scope_to_organizations(releases, _verified_organization_ids(actor), "project__organization")
        .select_related("project")
        .order_by("built_at")
    )


def release_decisions(*, release: Release) -> list[VerifierDecision]:
    """The verifier's decisions on a release, newest first, with the verifier's name."""
    return list(release.decisions.select_related("verifier"))


def release_list_returned(*, project) -> QuerySet[Release]:
    """The project's releases a verifier returned, newest first, each with its decisions for the reasons."""
    return (
        Release.objects.filter(project=project, status=Release.Status.REJECTED)
        .prefetch_related("decisions__verifier")
        .order_by("-cut_at")
    )


def release_files(*, release: Release) -> QuerySet[ReleaseFile]:
    return release.files.order_by("name")


def quality_targets_get(*, project) -> QualityTargets:
    return QualityTargets.objects.filter(project=project).first() or QualityTargets(project=project)


def release_next_version(*, project) -> str:
    """v1.0.0 for the first release, then the next minor version after the highest one."""
    numbers = []
    for version in Release.objects.filter(project=project).values_list("version", flat=True):
        try:
            numbers.append(tuple(int(part) for part in version.lstrip("v").split(".")))
        except ValueError:
            continue
    if not numbers:
        return "v1.0.0"
    major, minor, _patch = max(numbers)
    return f"v{major}.{minor + 1}.0"


def release_get_by_id(*, actor, release_id: int) -> Release:
    release = Release.objects.filter(id=release_id).only("project_id").first()
    if release is None:
        raise NotFound(_("No such release."))
    return release_get(actor=actor, project_id=release.project_id, release_id=release_id)


def release_file_get(*, release: Release, name: str) -> ReleaseFile:
    file = ReleaseFile.objects.filter(release=release, name=name).first()
    if file is None:
        raise NotFound(_("No such file."))
    return file
