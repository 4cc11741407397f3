"""Fetch a media file from a URL without letting the URL reach inside the network (SSRF).

Every hop is checked before any connection is made: the scheme, the host, and every address the name
resolves to must be public, unless the host and port are listed in DATADAM_URL_ALLOWLIST. The connection then goes
to the address that was checked (so a second DNS answer cannot swap in a private one), redirects are
followed by hand and checked the same way, and size and time are bounded.
"""

import http.client
import ipaddress
import socket
import ssl
import time
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

MAX_REDIRECTS = 5
READ_BYTES = 256 * 1024
DEFAULT_PORTS = (80, 443)


class UrlRefused(ValueError):
    """The URL may not be fetched; the message says why, in words for the person importing."""


def url_target(url: str) -> tuple[str, str, int, str]:
    """(scheme, host, port, address to connect to) for a URL that may be fetched, else UrlRefused.

    Only name resolution happens here; no connection is made.
    """
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UrlRefused(_("Only http:// and https:// links can be imported."))
    if parts.username or parts.password:
        raise UrlRefused(_("Links with a user name or password are not imported."))
    host = parts.hostname.lower().rstrip(".")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise UrlRefused(_("The link's port is not valid.")) from None
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise UrlRefused(_("The host %(host)s could not be found.") % {"host": host}) from None
    addresses = [info[4][0] for info in infos]
    if not _allow_listed(host, port):
        for address in addresses:
            if not _is_public(address):
                raise UrlRefused(
                    _("%(host)s is a private, local or reserved address; it is not fetched.") % {"host": host}
                )
    return parts.scheme, host, port, addresses[0]


def allowlist_entry_parse(entry: str) -> tuple[str, int | None]:
    """(host, port) of a DATADAM_URL_ALLOWLIST entry: "files.intra", "files.intra:8081", "[fd00::1]:8081".

    A port of None stands for the usual web ports (80 and 443). Raises ValueError for an entry that is not
    a host with an optional port.
    """
    entry = entry.strip().lower()
    if entry.startswith("["):
        host, _bracket, rest = entry[1:].partition("]")
        port = rest.removeprefix(":") if rest.startswith(":") else rest
    elif entry.count(":") == 1:
        host, port = entry.split(":")
    else:  # a bare name, or a bare IPv6 address whose colons are not a port
        host, port = entry, ""
    host = host.rstrip(".")
    if not host or "/" in host or "@" in host or (port and not (port.isdigit() and 0 < int(port) < 65536)):
        raise ValueError(entry)
    return host, int(port) if port else None


def _allow_listed(host: str, port: int) -> bool:
    for entry in settings.DATADAM_URL_ALLOWLIST:
        try:
            listed_host, listed_port = allowlist_entry_parse(entry)
        except ValueError:
            continue  # the start-up check (datadam.E063) names it; a bad entry allows nothing
        if listed_host == host and (port == listed_port if listed_port else port in DEFAULT_PORTS):
            return True
    return False


def _is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast and not ip.is_reserved


class _PinnedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._address = address

    def connect(self) -> None:
        sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


@contextmanager
def url_open(url: str, *, max_bytes: int, timeout: float | None = None) -> Iterator[Iterator[bytes]]:
    """Yields the body of a checked URL as chunks; raises UrlRefused for refused hops, sizes and times."""
    limit_seconds = timeout or settings.DATADAM_URL_FETCH_SECONDS
    deadline = time.monotonic() + limit_seconds
    for _hop in range(MAX_REDIRECTS + 1):
        scheme, host, port, address = url_target(url)
        connection_class = _PinnedHTTPSConnection if scheme == "https" else _PinnedHTTPConnection
        connection = connection_class(host, port, address, timeout=limit_seconds)
        try:
            parts = urlsplit(url)
            path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
            connection.request("GET", path, headers={"User-Agent": "Datadam media import", "Accept": "*/*"})
            response = connection.getresponse()
            if response.status in (301, 302, 303, 307, 308) and response.getheader("Location"):
                url = urljoin(url, response.getheader("Location"))
                continue
            if response.status != 200:
                raise UrlRefused(_("The server answered %(status)d.") % {"status": response.status})
            length = response.getheader("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise UrlRefused(_("The file is larger than the %(limit)d MB limit.") % {"limit": max_bytes >> 20})
            yield _body(response, max_bytes, deadline)
            return
        except (OSError, http.client.HTTPException) as exc:
            raise UrlRefused(
                _("The file could not be downloaded (%(problem)s).") % {"problem": str(exc)[:200]}
            ) from exc
        finally:
            connection.close()
    raise UrlRefused(_("The link redirects too many times."))


def _body(response: http.client.HTTPResponse, max_bytes: int, deadline: float) -> Iterator[bytes]:
    """read1 returns after one receive, so a server that drips a byte at a time still meets the deadline."""
    received = 0
    while chunk := response.read1(READ_BYTES):
        received += len(chunk)
        if received > max_bytes:
            raise UrlRefused(_("The file is larger than the %(limit)d MB limit.") % {"limit": max_bytes >> 20})
        if time.monotonic() > deadline:
            raise UrlRefused(_("The download took too long."))
        yield chunk


class ChunkStream:
    """A read()-able view of a chunk iterator, for code that copies from file-like objects."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks = chunks

    def read(self, _size: int = -1) -> bytes:
        return next(self._chunks, b"")
