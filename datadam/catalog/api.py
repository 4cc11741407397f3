"""The public catalog, read-only, for scripts: published data sets, their versions, files and download counts.

Like every API call it needs a token or a session; what it shows is what the public catalog pages show, and
reading it counts no download (the file links are the counted public pages)."""

from django.urls import reverse
from ninja import Query, Router, Schema
from pydantic import Field

from datadam.catalog import selectors
from datadam.catalog.schemas import CatalogDatasetDetailOut, CatalogDatasetOut, CatalogVersionDetailOut

router = Router(tags=["catalog"])


class CatalogQuery(Schema):
    q: str = Field(default="", max_length=100)
    data_type: str = Field(default="", pattern=r"^(|text|image|audio)$")


def _dataset_out(dataset, downloads: int) -> dict:
    latest = selectors.release_list_published(dataset=dataset).values_list("version", flat=True).first()
    return {
        "slug": dataset.slug, "title_ko": dataset.title_ko, "title_en": dataset.title_en,
        "summary_ko": dataset.summary_ko, "summary_en": dataset.summary_en, "data_type": dataset.project.data_type,
        "domain": dataset.domain, "licence": dataset.licence, "requires_login": dataset.requires_login,
        "latest_version": latest, "downloads": downloads, "url": reverse("catalog:dataset", args=[dataset.slug]),
    }  # fmt: skip


def _version_out(dataset, release, downloads_by_file: dict[int, int]) -> dict:
    return {
        "version": release.version, "published_at": release.published_at, "notes": release.notes,
        "items": release.entries_total, "downloads": sum(downloads_by_file.values()),
        "report_url": reverse("catalog:report", args=[dataset.slug, release.version]),
    }  # fmt: skip


@router.get("/catalog/datasets", response=list[CatalogDatasetOut])
def catalog_dataset_list(request, query: Query[CatalogQuery]):
    """Published data sets, newest first, searched by title or summary and filtered by data type."""
    datasets = list(selectors.dataset_list(query=query.q, data_type=query.data_type)[:200])
    downloads = selectors.downloads_by_dataset(datasets=datasets)
    return [_dataset_out(dataset, downloads[dataset.id]) for dataset in datasets]


@router.get("/catalog/datasets/{slug}", response=CatalogDatasetDetailOut)
def catalog_dataset_get(request, slug: str):
    """One published data set with each of its published versions."""
    dataset = selectors.dataset_get(slug=slug)
    versions = [
        _version_out(dataset, release, selectors.downloads_by_file(release=release))
        for release in selectors.release_list_published(dataset=dataset)
    ]
    total = sum(version["downloads"] for version in versions)
    return _dataset_out(dataset, total) | {"versions": versions}


@router.get("/catalog/datasets/{slug}/versions/{version}", response=CatalogVersionDetailOut)
def catalog_version_get(request, slug: str, version: str):
    """One published version with its files: size, SHA-256, download count and the (counted) download link."""
    dataset = selectors.dataset_get(slug=slug)
    release = selectors.release_published_get(dataset=dataset, version=version)
    counts = selectors.downloads_by_file(release=release)
    files = [
        {
            "name": file.name, "kind": file.kind, "size_bytes": file.size_bytes, "sha256": file.sha256,
            "downloads": counts.get(file.id, 0),
            "url": reverse("catalog:download", args=[dataset.slug, release.version, file.name]),
        }  # fmt: skip
        for file in release.files.order_by("name")
    ]
    return _version_out(dataset, release, counts) | {"files": files}
