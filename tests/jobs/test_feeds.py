"""The Atom and JSON feeds carry every public job, and validate against the formats' required fields."""

import json
import xml.etree.ElementTree as ET

import pytest
from django.test import Client

from datadam.jobs import services
from datadam.jobs.models import JobPosting
from tests.conftest import Cast

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def test_atom_feed_lists_the_public_jobs_with_the_required_elements(cast: Cast, posting: JobPosting) -> None:
    services.posting_publish(actor=cast.manager, project=cast.project, labeler_openings=5)  # invite-only: left out

    response = Client().get("/jobs/feed.atom")

    assert response.status_code == 200 and response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert root.find(f"{ATOM}{name}") is not None and root.find(f"{ATOM}{name}").text
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 1
    entry = entries[0]
    for name in ("id", "title", "updated"):
        assert entry.find(f"{ATOM}{name}").text
    assert "A 뉴스 분류" in entry.find(f"{ATOM}title").text
    assert entry.find(f"{ATOM}link").get("href").endswith(f"/jobs/{posting.project_id}/")
    assert cast.project.name not in response.content.decode()


def test_json_feed_follows_version_1_1(cast: Cast, posting: JobPosting) -> None:
    response = Client().get("/jobs/feed.json")

    assert response.status_code == 200 and response["Content-Type"].startswith("application/feed+json")
    feed = json.loads(response.content)
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert isinstance(feed["title"], str) and feed["title"]
    assert feed["feed_url"].endswith("/jobs/feed.json")
    [item] = feed["items"]
    assert isinstance(item["id"], str) and item["id"]
    assert item.get("content_text") or item.get("content_html")
    assert item["_datadam"]["rate_per_item"] == 120
    assert item["_datadam"]["labeler_openings"] == 100 and item["_datadam"]["work_remaining"] == 3
