"""The catalog's part of the isolation tests: its public pages, reached by a data set's slug, never an id.

The objects behind them (A's published release and its data set) are made by the releases module. A public
page shows what was published on purpose: the data set's own title, never the project's name or its items.
"""

from tests.security.shapes import AccountWide

PUBLIC_ROUTES = {
    "catalog/": "the public data catalog: published data sets only",
    "catalog/<str:slug>/": "a published data set's page: datasheet, versions, files, download figures",
    "catalog/<str:slug>/<str:version>/report/": "a published release's quality report",
    "catalog/<str:slug>/<str:version>/report.json": "a published release's quality report as JSON",
    "catalog/<str:slug>/<str:version>/files/<path:name>": "a published release's file (log-in and terms where set)",
}
NOT_ID_PARAMS = {"slug", "version", "name"}
# The read-only catalog API shows what the public pages show, to anyone with a token or a session.
ACCOUNT_WIDE_OPERATIONS = {
    ("GET", "/api/v1/catalog/datasets"): AccountWide(200, lists=None),
    ("GET", "/api/v1/catalog/datasets/{slug}"): AccountWide(200, lists=None),
    ("GET", "/api/v1/catalog/datasets/{slug}/versions/{version}"): AccountWide(200, lists=None),
}
