"""Downloads stream with Range (resumable) and count once per visitor, file and day, when finished."""

from datetime import timedelta
from ipaddress import ip_network

import pytest
from django.test import Client, override_settings
from django.utils import timezone

from datadam.catalog import selectors
from datadam.catalog.models import Download
from datadam.releases import downloads
from datadam.releases import services as release_services
from tests.conftest import client_for
from tests.releases.conftest import cut_and_build

MANIFEST = "manifest.json"


def _url(release, name: str = MANIFEST) -> str:
    return f"/catalog/{release.project.dataset.slug}/{release.version}/files/{name}"


def _visitor(agent: str) -> Client:
    return Client(HTTP_USER_AGENT=agent, REMOTE_ADDR="203.0.113.7")


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_an_anonymous_visitor_downloads_and_is_counted_once_a_day(cast, release) -> None:
    visitor, size = _visitor("browser-1"), release.files.get(name=MANIFEST).size_bytes

    first = visitor.get(_url(release))
    body = _body(first)
    _body(visitor.get(_url(release)))  # the same visitor again, the same day

    assert first.status_code == 200 and len(body) == size and first["Accept-Ranges"] == "bytes"
    assert Download.objects.count() == 1


def test_a_resumed_download_counts_once_when_it_finishes(cast, release) -> None:
    visitor, size = _visitor("resumer"), release.files.get(name=MANIFEST).size_bytes
    whole = _body(_visitor("reference").get(_url(release)))
    Download.objects.all().delete()

    start = visitor.get(_url(release), HTTP_RANGE="bytes=0-99")
    head = _body(start)
    assert Download.objects.count() == 0  # the first part is not a finished download
    rest = visitor.get(_url(release), HTTP_RANGE="bytes=100-")
    tail = _body(rest)
    again = _body(visitor.get(_url(release), HTTP_RANGE="bytes=100-"))

    assert (start.status_code, rest.status_code) == (206, 206)
    assert rest["Content-Range"] == f"bytes 100-{size - 1}/{size}"
    assert head + tail == whole and again == tail
    assert Download.objects.count() == 1


def test_an_unfinished_stream_is_not_counted(cast, release, monkeypatch) -> None:
    monkeypatch.setattr(downloads, "SMALL", 0)  # stream even the small manifest
    response = _visitor("gives-up").get(_url(release))
    blocks = iter(response.streaming_content)
    next(blocks)  # the visitor goes away after the first block: the stream never reaches its end

    assert Download.objects.count() == 0


def test_a_malformed_or_past_the_end_range_answers_416(cast, release) -> None:
    size = release.files.get(name=MANIFEST).size_bytes
    visitor = _visitor("ranges")

    answers = [
        visitor.get(_url(release), HTTP_RANGE=header)
        for header in ["bytes=abc", f"bytes={size}-", "bytes=5-2", "bytes=0-1,4-5", "lines=0-5", "bytes=-0"]
    ]

    assert [a.status_code for a in answers] == [416] * 6
    assert answers[1]["Content-Range"] == f"bytes */{size}"
    assert Download.objects.count() == 0


def test_the_last_bytes_can_be_asked_for(cast, release) -> None:
    whole = _body(_visitor("reference").get(_url(release)))

    response = _visitor("suffix").get(_url(release), HTTP_RANGE="bytes=-10")

    assert response.status_code == 206 and _body(response) == whole[-10:]


def test_an_unpublished_release_or_another_organizations_release_is_404(cast, release) -> None:
    unpublished = cut_and_build(cast, "v1.1.0")
    b_release = cut_and_build_b(cast)
    slug = release.project.dataset.slug

    answers = [
        Client().get(f"/catalog/{slug}/{unpublished.version}/files/{MANIFEST}").status_code,
        Client().get(f"/catalog/{slug}/{b_release.version}/files/{MANIFEST}").status_code,
        Client().get(f"/catalog/{slug}/{release.version}/files/nothing.zip").status_code,
        Client().get(f"/catalog/no-such-set/{release.version}/files/{MANIFEST}").status_code,
    ]

    assert answers == [404, 404, 404, 404]


def cut_and_build_b(cast):
    from datadam.labeling.models import Annotation, Assignment
    from tests import factories

    worker = factories.UserFactory()
    item = cast.project_b.items.first()
    assignment = Assignment.objects.create(
        project=cast.project_b, item=item, worker=worker, leased_at=timezone.now(), expires_at=timezone.now()
    )
    Annotation.objects.create(
        assignment=assignment, project=cast.project_b, item=item, author=worker,
        result={"sentiment": "positive"}, status=Annotation.Status.ACCEPTED,
    )
    release = release_services.release_cut(actor=cast.manager_b, project=cast.project_b, version="v2.0.0")
    return release_services.release_build_run(release_id=release.id)


def test_a_data_set_can_require_log_in_and_acceptance_of_its_terms(cast, release) -> None:
    dataset = release.project.dataset
    dataset.requires_login, dataset.terms = True, "연구 목적으로만 씁니다."
    dataset.save()
    person = client_for(cast.outsider)

    anonymous = Client().get(_url(release))
    before_terms = person.get(_url(release))
    person.post(f"/catalog/{dataset.slug}/terms/", {"accept": "yes"})
    after_terms = person.get(_url(release))
    _body(after_terms)

    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous.url
    assert before_terms.status_code == 403 and after_terms.status_code == 200
    assert Download.objects.get().visitor == f"u{cast.outsider.id}"


def test_programme_figures_count_downloads_and_published_releases(cast, release) -> None:
    _body(_from("203.0.113.1").get(_url(release)))
    _body(_from("203.0.113.2").get(_url(release)))
    _body(_from("203.0.113.2").get(_url(release, release.files.get(name="SHA256SUMS").name)))
    today, organization = timezone.localdate(), cast.project.organization

    assert selectors.downloads_total() == 3
    assert selectors.downloads_total(organizations=[organization], since=today, until=today) == 3
    assert selectors.downloads_total(organizations=[cast.project_b.organization]) == 0
    assert selectors.downloads_total(since=today + timedelta(days=1)) == 0
    assert selectors.releases_published_count(organizations=[organization.id]) == 1
    assert selectors.releases_published_count(until=today - timedelta(days=1)) == 0
    assert selectors.downloads_by_day(dataset=release.project.dataset) == [{"day": today.isoformat(), "count": 3}]


def test_with_object_storage_the_visitor_is_sent_to_a_presigned_address_and_counted(cast, release, monkeypatch) -> None:
    monkeypatch.setattr(downloads, "uses_object_storage", lambda: True)
    monkeypatch.setattr(downloads.default_storage, "url", lambda name: f"https://bucket.example/{name}?X-Amz-Signature=s")

    response = _visitor("s3").get(_url(release))
    _visitor("s3").get(_url(release))

    assert response.status_code == 302 and "X-Amz-Signature" in response.url
    assert Download.objects.count() == 1


# Honest counts: what a person or an anonymous address received today, not how many requests it made.


def _from(address: str, agent: str = "browser") -> Client:
    return Client(HTTP_USER_AGENT=agent, REMOTE_ADDR=address)


def _size(release, name: str = MANIFEST) -> int:
    return release.files.get(name=name).size_bytes


def test_a_head_request_is_never_a_download(cast, release) -> None:
    answer = _from("203.0.113.20").head(_url(release))

    assert answer.status_code == 200 and answer["Content-Length"] == str(_size(release))
    assert answer.content == b""
    assert Download.objects.count() == 0


def test_a_whole_get_counts_at_once_and_again_the_same_day_does_not(cast, release) -> None:
    visitor = _from("203.0.113.21")

    _body(visitor.get(_url(release)))
    assert Download.objects.count() == 1
    _body(visitor.get(_url(release)))

    assert Download.objects.count() == 1


def test_range_pieces_count_once_only_after_the_last_piece_arrives(cast, release) -> None:
    visitor, size = _from("203.0.113.22"), _size(release)
    third = size // 3

    _body(visitor.get(_url(release), HTTP_RANGE=f"bytes={third}-{2 * third}"))
    _body(visitor.get(_url(release), HTTP_RANGE=f"bytes={2 * third}-"))  # reaches the end, but 0…third is missing
    assert Download.objects.count() == 0
    _body(visitor.get(_url(release), HTTP_RANGE=f"bytes=0-{third - 1}"))
    _body(visitor.get(_url(release), HTTP_RANGE="bytes=0-"))  # the whole file again, the same day

    assert Download.objects.count() == 1


def test_one_byte_ranges_with_a_new_browser_name_each_time_count_once_when_the_file_is_covered(cast, release) -> None:
    size = _size(release)

    for byte in range(10):
        _body(_from("203.0.113.23", f"agent-{byte}").get(_url(release), HTTP_RANGE=f"bytes={byte}-{byte}"))
    for agent in ("last-1", "last-2", "last-3"):  # the last byte "finishes" the file for each new browser name
        _body(_from("203.0.113.23", agent).get(_url(release), HTTP_RANGE="bytes=-1"))
    _body(_from("203.0.113.23", "middle").get(_url(release), HTTP_RANGE=f"bytes=10-{size - 3}"))
    assert Download.objects.count() == 0  # byte size-2 has not been sent yet
    _body(_from("203.0.113.23", "closing").get(_url(release), HTTP_RANGE=f"bytes={size - 2}-{size - 2}"))

    assert Download.objects.count() == 1


def test_two_anonymous_addresses_count_twice(cast, release) -> None:
    _body(_from("203.0.113.24").get(_url(release)))
    _body(_from("198.51.100.24").get(_url(release)))

    assert Download.objects.count() == 2


def test_made_up_forwarded_for_headers_do_not_make_new_visitors(cast, release) -> None:
    size = _size(release)
    made_up = ["10.0.0.1", "10.0.0.2", "10.0.0.3"]

    for hop in made_up:  # the peer is no trusted proxy, so its X-Forwarded-For is not believed
        _body(_from("203.0.113.28").get(_url(release), HTTP_RANGE="bytes=-1", HTTP_X_FORWARDED_FOR=hop))
    assert Download.objects.count() == 0
    _body(_from("203.0.113.28").get(_url(release), HTTP_RANGE=f"bytes=0-{size - 2}", HTTP_X_FORWARDED_FOR="10.0.0.4"))

    assert Download.objects.count() == 1


@override_settings(DATADAM_TRUSTED_PROXIES=[ip_network("10.9.0.0/16")])
def test_behind_a_trusted_proxy_each_forwarded_address_is_its_own_visitor(cast, release) -> None:
    behind = _from("10.9.0.1")

    _body(behind.get(_url(release), HTTP_X_FORWARDED_FOR="203.0.113.29"))
    _body(behind.get(_url(release), HTTP_X_FORWARDED_FOR="198.51.100.29"))
    _body(behind.get(_url(release), HTTP_X_FORWARDED_FOR="203.0.113.29"))

    assert Download.objects.count() == 2


def test_a_logged_in_person_counts_once_from_any_address_and_two_people_behind_one_address_twice(cast, release) -> None:
    person, colleague = client_for(cast.outsider), client_for(cast.labeler)

    _body(person.get(_url(release), REMOTE_ADDR="203.0.113.25"))
    _body(person.get(_url(release), REMOTE_ADDR="198.51.100.25"))
    _body(colleague.get(_url(release), REMOTE_ADDR="203.0.113.25"))

    visitors = sorted(Download.objects.values_list("visitor", flat=True))
    assert visitors == sorted([f"u{cast.outsider.id}", f"u{cast.labeler.id}"])


@pytest.mark.django_db(transaction=True)  # the dropped connection ends the request, as a server would
def test_a_resumed_stream_counts_the_bytes_the_visitor_took_before_going_away(cast, release, monkeypatch) -> None:
    monkeypatch.setattr(downloads, "SMALL", 0)  # stream even the small manifest
    monkeypatch.setattr(downloads, "BLOCK", 100)
    visitor, size = _from("203.0.113.26"), _size(release)

    response = visitor.get(_url(release))
    blocks = iter(response.streaming_content)
    taken = next(blocks) + next(blocks)  # the first block was handed on when the second was asked for
    response.close()  # the connection drops: the server closes the answer
    assert Download.objects.count() == 0
    rest = _body(visitor.get(_url(release), HTTP_RANGE="bytes=100-"))

    assert len(taken) == 200 and len(rest) == size - 100
    assert Download.objects.count() == 1


def test_a_head_request_to_object_storage_is_not_counted_either(cast, release, monkeypatch) -> None:
    monkeypatch.setattr(downloads, "uses_object_storage", lambda: True)
    monkeypatch.setattr(
        downloads.default_storage, "url", lambda name: f"https://bucket.example/{name}?X-Amz-Signature=s"
    )

    answer = _from("203.0.113.27").head(_url(release))

    assert answer.status_code == 302
    assert Download.objects.count() == 0
