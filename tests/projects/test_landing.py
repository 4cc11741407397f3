"""The landing page a visitor meets first: each card is a link to where its words point."""

from django.test import Client


def test_each_landing_card_is_a_link_to_jobs_the_academy_and_the_catalog(db) -> None:
    page = Client().get("/").content.decode()

    assert 'href="/jobs/" data-testid="card-jobs"' in page
    assert 'href="/academy/" data-testid="card-academy"' in page
    assert 'href="/catalog/" data-testid="card-catalog"' in page
