"""Anyone finds published data sets in the catalog, filters them, and reads a data set's page."""

from django.test import Client

from datadam.catalog.models import Dataset
from datadam.releases.models import Release
from tests.conftest import client_for


def test_the_catalog_lists_published_data_sets_to_anyone(cast, release) -> None:
    dataset = Dataset.objects.get()
    dataset.title_ko, dataset.domain, dataset.licence = "한국어 감성 말뭉치", "문화", "CC BY 4.0"
    dataset.save()

    page = Client().get("/catalog/").content.decode()
    found = Client().get("/catalog/", {"query": "감성", "data_type": "text", "domain": "문화"}).content.decode()
    missed = Client().get("/catalog/", {"query": "자동차"}).content.decode()
    other_licence = Client().get("/catalog/", {"licence": "CC0"}).content.decode()

    assert "한국어 감성 말뭉치" in page and f"/catalog/{dataset.slug}/" in page
    assert "한국어 감성 말뭉치" in found
    assert "한국어 감성 말뭉치" not in missed and "한국어 감성 말뭉치" not in other_licence


def test_an_unpublished_data_set_is_not_in_the_catalog(cast, release) -> None:
    Release.objects.update(status=Release.Status.BUILT)
    slug = Dataset.objects.get().slug

    assert f"/catalog/{slug}/" not in Client().get("/catalog/").content.decode()
    assert Client().get(f"/catalog/{slug}/").status_code == 404


def test_the_data_set_page_shows_the_datasheet_in_both_languages_versions_and_downloads(cast, release) -> None:
    client = client_for(cast.manager)
    client.post(
        f"/projects/{cast.project.id}/dataset/",
        {
            "title_ko": "감성 말뭉치", "title_en": "Sentiment corpus", "licence": "CC BY 4.0", "domain": "문화",
            "motivation_ko": "한국어 감성 분석을 위해", "motivation_en": "For Korean sentiment analysis",
            "workforce_ko": "교육을 마친 시민 작업자, 최저임금 이상",
            "workforce_en": "Trained citizen workers, paid above minimum wage",
        },
    )
    dataset = Dataset.objects.get()

    page = Client().get(f"/catalog/{dataset.slug}/").content.decode()

    for text in ["감성 말뭉치", "Sentiment corpus", "한국어 감성 분석을 위해", "For Korean sentiment analysis",
                 "Trained citizen workers, paid above minimum wage", release.version,
                 "Training/01.원천데이터/TS_", "downloads-chart", "catalog_downloads.js"]:
        assert text in page, text
    assert cast.project.name not in page


def test_only_the_projects_staff_edit_the_datasheet(cast, release) -> None:
    answer = client_for(cast.outsider).post(f"/projects/{cast.project.id}/dataset/", {"title_ko": "납치"})

    assert answer.status_code == 404 and Dataset.objects.get().title_ko != "납치"
