"""A script reads the public catalog through the API: published data sets, their versions, files and download
counts, exactly what the public pages show, and nothing unpublished."""

from django.test import Client

from datadam.accounts import services as accounts
from tests.conftest import client_for
from tests.releases.conftest import cut_and_build


def _token_client(person) -> Client:
    _token, secret = accounts.token_create(user=person, name="catalog script")
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


def test_a_script_lists_data_sets_and_reads_a_version_with_its_files_and_downloads(cast, release) -> None:
    slug = release.project.dataset.slug
    Client(REMOTE_ADDR="203.0.113.7").get(f"/catalog/{slug}/{release.version}/files/manifest.json")
    client = _token_client(cast.outsider)

    listed = client.get("/api/v1/catalog/datasets").json()
    dataset = client.get(f"/api/v1/catalog/datasets/{slug}").json()
    version = client.get(f"/api/v1/catalog/datasets/{slug}/versions/{release.version}").json()

    assert [row["slug"] for row in listed] == [slug] and listed[0]["latest_version"] == release.version
    assert [row["version"] for row in dataset["versions"]] == [release.version]
    manifest = next(file for file in version["files"] if file["name"] == "manifest.json")
    assert manifest["downloads"] == 1 and version["downloads"] >= 1 and dataset["downloads"] == version["downloads"]
    assert manifest["url"] == f"/catalog/{slug}/{release.version}/files/manifest.json"
    assert set(listed[0]) == {
        "slug", "title_ko", "title_en", "summary_ko", "summary_en", "data_type", "domain", "licence",
        "requires_login", "latest_version", "downloads", "url",
    }  # the datasheet's public fields only: no project id, no people, no items


def test_an_unpublished_version_answers_404_and_the_search_filters(cast, release) -> None:
    slug = release.project.dataset.slug
    cut_and_build(cast, "v1.1.0")
    client = client_for(cast.outsider)

    missing = client.get(f"/api/v1/catalog/datasets/{slug}/versions/v1.1.0")
    found = client.get("/api/v1/catalog/datasets", {"q": release.project.dataset.title_ko[:3]}).json()
    none = client.get("/api/v1/catalog/datasets", {"data_type": "audio"}).json()
    bad = client.get("/api/v1/catalog/datasets", {"data_type": "video"})

    assert missing.status_code == 404 and "detail" in missing.json()
    assert [row["slug"] for row in found] == [slug] and none == []
    assert bad.status_code == 422


def test_the_catalog_api_is_in_the_openapi_schema_and_needs_a_credential(cast, release) -> None:
    schema = client_for(cast.manager).get("/api/v1/openapi.json").json()

    assert {"/api/v1/catalog/datasets", "/api/v1/catalog/datasets/{slug}"} <= set(schema["paths"])
    assert Client().get("/api/v1/catalog/datasets").status_code == 401
