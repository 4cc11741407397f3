from datetime import datetime

from ninja import Schema


class CatalogFileOut(Schema):
    name: str
    kind: str
    size_bytes: int
    sha256: str
    downloads: int
    url: str


class CatalogVersionOut(Schema):
    version: str
    published_at: datetime | None
    notes: str
    items: int
    downloads: int
    report_url: str


class CatalogVersionDetailOut(CatalogVersionOut):
    files: list[CatalogFileOut]


class CatalogDatasetOut(Schema):
    slug: str
    title_ko: str
    title_en: str
    summary_ko: str
    summary_en: str
    data_type: str
    domain: str
    licence: str
    requires_login: bool
    latest_version: str | None
    downloads: int
    url: str


class CatalogDatasetDetailOut(CatalogDatasetOut):
    versions: list[CatalogVersionOut]
