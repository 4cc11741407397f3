"""The labeling page's view of an item's media: expiring, per-person links that only the project's people open."""

import pytest
from django.test import override_settings

from datadam.media import selectors
from datadam.media.links import media_token_make
from tests.conftest import client_for
from tests.factories import ItemFactory
from tests.media.conftest import SVG_WITH_SCRIPT, png_bytes, store, wav_bytes

pytestmark = pytest.mark.django_db


def test_labeler_gets_image_link_with_dimensions_and_opens_it(cast) -> None:
    media = store(cast.project, "cat.png", png_bytes(40, 30))
    item = ItemFactory(project=cast.project, data={"image": media.reference, "file_name": "cat.png"})
    described = selectors.item_media(cast.labeler, item)
    assert set(described) == {"image"}
    assert described["image"]["kind"] == "image" and described["image"]["width"] == 40
    assert described["image"]["height"] == 30 and described["image"]["peaks_url"] is None
    response = client_for(cast.labeler).get(described["image"]["url"])
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == png_bytes(40, 30)


def test_audio_link_comes_with_duration_and_peaks(cast) -> None:
    media = store(cast.project, "a.wav", wav_bytes(2.0))
    item = ItemFactory(project=cast.project, data={"audio": media.reference})
    described = selectors.item_media(cast.reviewer, item)["audio"]
    assert described["duration"] == pytest.approx(2.0) and described["content_type"] == "audio/wav"
    peaks = client_for(cast.reviewer).get(described["peaks_url"]).json()
    assert len(peaks["peaks"][0]) == 100 and max(peaks["peaks"][0]) > 0.3


def test_outsider_gets_nothing_and_a_link_made_for_someone_else_is_refused(cast) -> None:
    media = store(cast.project, "cat.png", png_bytes())
    item = ItemFactory(project=cast.project, data={"image": media.reference})
    assert selectors.item_media(cast.outsider, item) == {}
    url = selectors.item_media(cast.labeler, item)["image"]["url"]
    assert client_for(cast.outsider).get(url).status_code == 404
    assert client_for(cast.labeler2).get(url).status_code == 404
    own_token = media_token_make(media_id=media.id, user_id=cast.outsider.id)
    assert client_for(cast.outsider).get(f"/files/{own_token}/").status_code == 404
    assert client_for(None).get(url).status_code == 302


def test_item_cannot_point_at_another_projects_file(cast) -> None:
    foreign = store(cast.project_b, "b.png", png_bytes())
    item = ItemFactory(project=cast.project, data={"image": foreign.reference})
    assert selectors.item_media(cast.manager, item) == {}


def test_link_expires(cast) -> None:
    media = store(cast.project, "cat.png", png_bytes())
    item = ItemFactory(project=cast.project, data={"image": media.reference})
    url = selectors.item_media(cast.labeler, item)["image"]["url"]
    with override_settings(DATADAM_MEDIA_URL_SECONDS=-1):
        assert client_for(cast.labeler).get(url).status_code == 404


def test_svg_with_script_is_never_served_as_active_content(cast) -> None:
    media = store(cast.project, "evil.svg", SVG_WITH_SCRIPT)
    assert media.status == "unreadable" and "script" in media.reason.lower()
    item = ItemFactory(project=cast.project, data={"image": media.reference})
    response = client_for(cast.labeler).get(selectors.item_media(cast.labeler, item)["image"]["url"])
    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_html_named_as_png_is_not_served_as_an_image(cast) -> None:
    media = store(cast.project, "photo.png", b"<html><script>alert(1)</script></html>")
    assert media.status == "unreadable" and media.content_type == "text/html"
    item = ItemFactory(project=cast.project, data={"image": media.reference})
    response = client_for(cast.labeler).get(selectors.item_media(cast.labeler, item)["image"]["url"])
    assert response["Content-Type"] == "application/octet-stream"


def test_audio_link_answers_a_range_request_so_players_can_seek(cast) -> None:
    clip = wav_bytes(1.0)
    media = store(cast.project, "a.wav", clip)
    item = ItemFactory(project=cast.project, data={"audio": media.reference})
    url = selectors.item_media(cast.labeler, item)["audio"]["url"]
    response = client_for(cast.labeler).get(url, headers={"Range": "bytes=100-199"})
    assert response.status_code == 206 and response["Content-Range"] == f"bytes 100-199/{len(clip)}"
    assert b"".join(response.streaming_content) == clip[100:200]
    tail = client_for(cast.labeler).get(url, headers={"Range": "bytes=-10"})
    assert b"".join(tail.streaming_content) == clip[-10:]
    whole = client_for(cast.labeler).get(url, headers={"Range": "bytes=oops"})
    assert whole.status_code == 200 and whole["Accept-Ranges"] == "bytes"
