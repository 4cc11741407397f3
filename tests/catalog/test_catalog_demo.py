"""The catalog part of the demo: a published release with a datasheet, that an anonymous visitor can open."""

from django.test import Client

from datadam.catalog.models import Dataset
from datadam.demo.loader import demo_load
from datadam.releases.models import Release


def test_the_demo_publishes_a_release_in_the_catalog(db) -> None:
    project = demo_load()
    demo_load()  # a second load changes nothing

    release = Release.objects.get(project=project)
    dataset = Dataset.objects.get(project=project)
    page = Client().get(f"/catalog/{dataset.slug}/").content.decode()
    assert release.status == "published" and release.entries_total >= 30
    assert "영화 리뷰 감성 말뭉치" in page and "Training/01.원천데이터" in page
