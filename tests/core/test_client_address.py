"""The client's address: the socket's peer, or X-Forwarded-For when (and only as far as) a trusted proxy wrote it."""

from ipaddress import ip_network

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory, override_settings

from datadam.core.client_address import client_address
from datadam.core.env import env_networks

BALANCERS = [ip_network("10.0.0.0/8"), ip_network("2001:db8::/32")]


def _request(remote: str, forwarded: str | None = None):
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **headers)


def test_without_trusted_proxies_the_header_is_ignored() -> None:
    assert client_address(_request("203.0.113.9", "192.0.2.1")) == "203.0.113.9"


@override_settings(DATADAM_TRUSTED_PROXIES=BALANCERS)
@pytest.mark.parametrize(
    ("remote", "forwarded", "expected"),
    [
        ("10.0.0.5", "198.51.100.7", "198.51.100.7"),  # one balancer
        ("10.0.0.5", "198.51.100.7, 10.1.2.3", "198.51.100.7"),  # two balancers in a row
        ("10.0.0.5", "6.6.6.6, 198.51.100.7", "198.51.100.7"),  # the client made up the left hop
        ("203.0.113.9", "198.51.100.7", "203.0.113.9"),  # not from a balancer: header ignored
        ("10.0.0.5", "not-an-address", "10.0.0.5"),  # garbage: the balancer itself
        ("10.0.0.5", "", "10.0.0.5"),
        ("2001:db8::1", "2001:db8::2, 2a00:1450::1", "2a00:1450::1"),
        ("::ffff:10.0.0.5", "198.51.100.7", "198.51.100.7"),  # IPv4 seen through an IPv6 socket
    ],
)
def test_a_trusted_proxy_is_believed_up_to_the_first_hop_it_did_not_write(remote, forwarded, expected) -> None:
    assert client_address(_request(remote, forwarded)) == expected


def test_a_request_without_a_peer_has_no_address() -> None:
    request = RequestFactory().get("/")
    del request.META["REMOTE_ADDR"]

    assert client_address(request) == ""


def test_a_bad_trusted_proxy_setting_stops_start_up(monkeypatch) -> None:
    monkeypatch.setenv("DATADAM_TRUSTED_PROXIES", "10.0.0.0/8, load-balancer")

    with pytest.raises(ImproperlyConfigured, match="load-balancer"):
        env_networks("DATADAM_TRUSTED_PROXIES", [])


def test_trusted_proxies_read_addresses_and_ranges(monkeypatch) -> None:
    monkeypatch.setenv("DATADAM_TRUSTED_PROXIES", "10.0.0.0/8, 192.0.2.7 ,2001:db8::/32")

    assert env_networks("DATADAM_TRUSTED_PROXIES", []) == [
        ip_network("10.0.0.0/8"), ip_network("192.0.2.7/32"), ip_network("2001:db8::/32")
    ]
