"""Reads of the public catalog, and the download figures the programme dashboard shows.

Only published releases are ever visible here; anything else answers NotFound, like a missing one.
"""

from datetime import date

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from datadam.catalog.models import Dataset, Download
from datadam.core.errors import NotFound
from datadam.projects import access
from datadam.releases.models import Release, ReleaseFile

PUBLISHED = Release.Status.PUBLISHED


def dataset_list(*, query: str = "", data_type: str = "", domain: str = "", licence: str = "") -> QuerySet[Dataset]:
    """Data sets with at least one published release, searched and filtered."""
    datasets = Dataset.objects.filter(project__releases__status=PUBLISHED, project__hidden=False).distinct()
    if query:
        datasets = datasets.filter(
            Q(title_ko__icontains=query) | Q(title_en__icontains=query)
            | Q(summary_ko__icontains=query) | Q(summary_en__icontains=query)
        )
    if data_type:
        datasets = datasets.filter(project__data_type=data_type)
    if domain:
        datasets = datasets.filter(domain=domain)
    if licence:
        datasets = datasets.filter(licence=licence)
    return datasets.select_related("project").order_by("-updated_at", "id")


def facet_values() -> dict[str, list[str]]:
    published = Dataset.objects.filter(project__releases__status=PUBLISHED, project__hidden=False)
    return {
        "domains": sorted(set(published.exclude(domain="").values_list("domain", flat=True))),
        "licences": sorted(set(published.values_list("licence", flat=True))),
    }


def dataset_get(*, slug: str) -> Dataset:
    dataset = dataset_list().filter(slug=slug).first()
    if dataset is None:
        raise NotFound(_("No such data set."))
    return dataset


def release_list_published(*, dataset: Dataset) -> QuerySet[Release]:
    return Release.objects.filter(project_id=dataset.project_id, status=PUBLISHED).order_by("-published_at")


def release_published_get(*, dataset: Dataset, version: str) -> Release:
    release = release_list_published(dataset=dataset).filter(version=version).first()
    if release is None:
        raise NotFound(_("No such release."))
    return release


def release_file_get(*, release: Release, name: str) -> ReleaseFile:
    file = ReleaseFile.objects.filter(release=release, name=name).first()
    if file is None:
        raise NotFound(_("No such file."))
    return file


def downloads_by_day(*, dataset: Dataset) -> list[dict]:
    rows = (
        Download.objects.filter(file__release__project_id=dataset.project_id)
        .values("day").annotate(count=Count("id")).order_by("day")
    )
    return [{"day": row["day"].isoformat(), "count": row["count"]} for row in rows]


def downloads_by_file(*, release: Release) -> dict[int, int]:
    rows = Download.objects.filter(file__release=release).values("file_id").annotate(count=Count("id"))
    return {row["file_id"]: row["count"] for row in rows}


def downloads_total(organizations=None, since: date | None = None, until: date | None = None) -> int:
    """Counted downloads (once per person and file a day), optionally for some organizations and days.

    `organizations` is an iterable of Organization objects or ids (None: all); since/until are inclusive days."""
    downloads = Download.objects.all()
    if organizations is not None:
        path = "file__release__project__organization"
        downloads = access.scope_to_organizations(downloads, list(organizations), path)
    if since is not None:
        downloads = downloads.filter(day__gte=since)
    if until is not None:
        downloads = downloads.filter(day__lte=until)
    return downloads.count()


def releases_published_count(organizations=None, since: date | None = None, until: date | None = None) -> int:
    """Releases published, optionally for some organizations and between two days (inclusive)."""
    releases = Release.objects.filter(status=PUBLISHED)
    if organizations is not None:
        releases = access.scope_to_organizations(releases, list(organizations), "project__organization")
    if since is not None:
        releases = releases.filter(published_at__date__gte=since)
    if until is not None:
        releases = releases.filter(published_at__date__lte=until)
    return releases.count()


def downloads_by_dataset(*, datasets: list[Dataset]) -> dict[int, int]:
    """Counted downloads of every published file of each data set, by data set id (one query)."""
    rows = (
        Download.objects.filter(
            file__release__project_id__in=[dataset.project_id for dataset in datasets],
            file__release__status=PUBLISHED,
        )
        .values("file__release__project_id")
        .annotate(count=Count("id"))
    )
    by_project = {row["file__release__project_id"]: row["count"] for row in rows}
    return {dataset.id: by_project.get(dataset.project_id, 0) for dataset in datasets}
