"""The address a request came from, the one place that decides whether to believe X-Forwarded-For.

Behind a load balancer every request arrives from the balancer's address; counting failed log-ins by it would
let one attacker lock out everyone. The header is believed only when the socket's peer is a proxy named in
DATADAM_TRUSTED_PROXIES, and then only up to the first hop that is not such a proxy: anything to the left of
that hop was written by the client and may be made up.
"""

from ipaddress import IPv4Address, IPv6Address, ip_address

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The client's address as text ("" when the request has none, as in a test request made by hand)."""
    current = _parse(request.META.get("REMOTE_ADDR", ""))
    if current is None:
        return ""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    for hop in reversed([part.strip() for part in forwarded.split(",") if part.strip()]):
        if not _trusted(current):
            break
        hop_address = _parse(hop)
        if hop_address is None:  # a hop that is not an address: trust nothing further left
            break
        current = hop_address
    return str(current)


def _parse(text: str) -> IPv4Address | IPv6Address | None:
    try:
        address = ip_address(text.strip())
    except ValueError:
        return None
    if isinstance(address, IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def _trusted(address: IPv4Address | IPv6Address) -> bool:
    return any(address in network for network in settings.DATADAM_TRUSTED_PROXIES)
