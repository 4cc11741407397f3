"""On PostgreSQL, a connection that served a request a moment ago goes straight to work; one left idle is
checked first (Django's health check), so a restarted server costs no failed request."""

import pytest
from django.db import connection

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the PostgreSQL backend's own health check"),
    pytest.mark.django_db(transaction=True),  # requests run in autocommit, as here
]


def _checks_counted(monkeypatch) -> list[int]:
    checks: list[int] = []
    monkeypatch.setattr(connection, "is_usable", lambda: checks.append(1) or True)
    return checks


def _request_ends_and_next_starts(idle_s: float) -> None:
    connection.close_if_unusable_or_obsolete()  # a request ends
    connection.last_turn_at -= idle_s
    connection.close_if_unusable_or_obsolete()  # the next one starts
    connection.close_if_health_check_failed()  # its first query


def test_a_connection_busy_a_moment_ago_is_not_checked_again(monkeypatch) -> None:
    connection.ensure_connection()
    checks = _checks_counted(monkeypatch)

    _request_ends_and_next_starts(idle_s=0.1)

    assert connection.health_check_enabled and connection.health_check_done
    assert checks == []


def test_a_connection_left_idle_is_checked_before_the_request_uses_it(monkeypatch) -> None:
    connection.ensure_connection()
    checks = _checks_counted(monkeypatch)

    _request_ends_and_next_starts(idle_s=30)

    assert checks == [1]
