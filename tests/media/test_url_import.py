"""URL imports reach only public addresses (or allow-listed hosts), and refuse before connecting."""

import socket
import threading
import time as clock
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.test import override_settings

from datadam.media import fetch, imports
from datadam.media.models import MediaFile
from datadam.projects.models import Item
from tests.media.conftest import png_bytes

pytestmark = pytest.mark.django_db


class Server:
    """A small HTTP server on 127.0.0.1 that counts the requests it gets."""

    def __init__(self, routes: dict[str, tuple[int, dict, bytes]]) -> None:
        self.hits: list[str] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
                server.hits.append(self.path)
                status, headers, body = routes.get(self.path, (404, {}, b""))
                self.send_response(status)
                for key, value in {**headers, "Content-Length": str(len(body))}.items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server() -> Iterator[Server]:
    running = Server({"/cat.png": (200, {"Content-Type": "image/png"}, png_bytes())})
    yield running
    running.close()


def import_urls(cast, text: str):
    batch = imports.media_import_create_urls(actor=cast.manager, project=cast.project, urls=text)
    return imports.media_import_run(batch_id=batch.id)


def test_allow_listed_host_is_fetched_and_becomes_an_item(cast, server: Server) -> None:
    with override_settings(DATADAM_URL_ALLOWLIST=[f"127.0.0.1:{server.port}"]):
        batch = import_urls(cast, f"http://127.0.0.1:{server.port}/cat.png\t고양이를 찾으세요\n")
    item = Item.objects.get(batch=batch, is_published=True)
    assert item.data["text"] == "고양이를 찾으세요" and item.data["image"].startswith("media:")
    assert server.hits == ["/cat.png"]


def test_loopback_url_is_refused_before_any_connection(cast, server: Server, monkeypatch) -> None:
    connections: list[object] = []
    real_connect = socket.create_connection
    monkeypatch.setattr(socket, "create_connection", lambda *a, **k: connections.append(a) or real_connect(*a, **k))
    with override_settings(DATADAM_URL_ALLOWLIST=[]):
        batch = import_urls(cast, f"http://127.0.0.1:{server.port}/cat.png\nhttp://localhost:{server.port}/cat.png\n")
    assert batch.status == "failed" or not Item.objects.filter(batch=batch).exists()
    assert server.hits == [] and connections == []
    reasons = [error["reason"] for error in batch.errors]
    assert len(reasons) == 2 and all("private, local or reserved" in reason for reason in reasons)
    assert [error["line"] for error in batch.errors] == [1, 2]


def test_a_host_on_the_allowlist_is_allowed_on_its_usual_ports_only(cast) -> None:
    listener = socket.create_server(("127.0.0.1", 0))
    listener.setblocking(False)
    port = listener.getsockname()[1]
    try:
        with override_settings(DATADAM_URL_ALLOWLIST=["localhost"]):
            batch = import_urls(cast, f"http://localhost:{port}/cat.png\n")
        with pytest.raises(BlockingIOError):
            listener.accept()  # nothing knocked: the refusal came before any connection
    finally:
        listener.close()
    assert "localhost" in batch.errors[0]["reason"] and not Item.objects.filter(batch=batch).exists()


@pytest.mark.parametrize(
    ("allowlist", "url", "allowed"),
    [
        (["localhost"], "http://localhost/a.png", True),
        (["localhost"], "https://localhost/a.png", True),
        (["localhost"], "http://localhost:443/a.png", True),
        (["localhost"], "http://localhost:8081/a.png", False),
        (["localhost:8081"], "http://localhost:8081/a.png", True),
        (["localhost:8081"], "http://localhost/a.png", False),
        (["localhost:8081"], "http://localhost:8082/a.png", False),
        (["[::1]:8081"], "http://[::1]:8081/a.png", True),
        (["::1"], "http://[::1]:8081/a.png", False),
        (["127.0.0.1:80"], "http://127.0.0.1/a.png", True),
    ],
)
def test_an_allowlist_entry_names_a_host_and_a_port(allowlist: list[str], url: str, allowed: bool, monkeypatch) -> None:
    monkeypatch.setattr(socket, "create_connection", lambda *a, **k: pytest.fail("a connection was made"))
    with override_settings(DATADAM_URL_ALLOWLIST=allowlist):
        if allowed:
            assert fetch.url_target(url)[1] in ("localhost", "::1", "127.0.0.1")
        else:
            with pytest.raises(fetch.UrlRefused, match="private, local or reserved"):
                fetch.url_target(url)


@pytest.mark.parametrize(
    "url",
    [
        "http://10.0.0.1/a.png",
        "http://192.168.1.1/a.png",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/a.png",
        "http://0.0.0.0/a.png",
        "http://[::ffff:127.0.0.1]/a.png",
        "file:///etc/passwd",
        "ftp://example.com/a.png",
        "http://user:pw@example.com/a.png",
    ],
)
def test_private_link_local_and_odd_urls_are_refused_without_connecting(url: str, monkeypatch) -> None:
    monkeypatch.setattr(socket, "create_connection", lambda *a, **k: pytest.fail("a connection was made"))
    with override_settings(DATADAM_URL_ALLOWLIST=[]), pytest.raises(fetch.UrlRefused):
        fetch.url_target(url)


def test_redirect_to_a_private_address_is_refused_before_following_it(cast, server: Server) -> None:
    target = Server({"/secret.png": (200, {}, png_bytes())})
    try:
        redirect = (302, {"Location": f"http://localhost:{target.port}/secret.png"}, b"")
        hop = Server({"/go": redirect})
        try:
            with override_settings(DATADAM_URL_ALLOWLIST=[f"127.0.0.1:{hop.port}"]):
                batch = import_urls(cast, f"http://127.0.0.1:{hop.port}/go\n")
            assert hop.hits == ["/go"] and target.hits == []
            assert "localhost" in batch.errors[0]["reason"]
            assert not MediaFile.objects.filter(batch=batch).exists()
        finally:
            hop.close()
    finally:
        target.close()


def test_a_file_over_the_size_limit_is_refused(cast, server: Server) -> None:
    with override_settings(DATADAM_URL_ALLOWLIST=[f"127.0.0.1:{server.port}"], DATADAM_MAX_UPLOAD_BYTES=100):
        batch = import_urls(cast, f"http://127.0.0.1:{server.port}/cat.png\n")
    assert "limit" in batch.errors[0]["reason"] and not MediaFile.objects.filter(batch=batch).exists()


def test_a_server_that_does_not_answer_in_time_is_given_up(cast) -> None:
    slow = Server({})
    slow.httpd.RequestHandlerClass.do_GET = lambda handler: clock.sleep(3)
    try:
        with override_settings(DATADAM_URL_ALLOWLIST=[f"127.0.0.1:{slow.port}"]):
            started = clock.monotonic()
            with pytest.raises(fetch.UrlRefused, match="could not be downloaded"):
                with fetch.url_open(f"http://127.0.0.1:{slow.port}/x", max_bytes=1000, timeout=0.5) as body:
                    b"".join(body)
            assert clock.monotonic() - started < 2.5
    finally:
        slow.close()


def test_a_server_that_drips_bytes_is_given_up_at_the_deadline(cast) -> None:
    def drip(handler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Length", "100")
        handler.end_headers()
        for _ in range(100):
            handler.wfile.write(b"x")
            handler.wfile.flush()
            clock.sleep(0.05)

    slow = Server({})
    slow.httpd.RequestHandlerClass.do_GET = drip
    try:
        with override_settings(DATADAM_URL_ALLOWLIST=[f"127.0.0.1:{slow.port}"]):
            started = clock.monotonic()
            with pytest.raises(fetch.UrlRefused, match="too long"):
                with fetch.url_open(f"http://127.0.0.1:{slow.port}/x", max_bytes=1000, timeout=1) as body:
                    b"".join(body)
            assert clock.monotonic() - started < 2.5
    finally:
        slow.close()
