"""Load balancers ask /health: 200 while the database answers, 503 (never a traceback) when it does not."""

from django.db import connection
from django.test import Client


def test_health_is_ok_when_the_database_answers(db) -> None:
    response = Client().get("/health")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


class _DownDatabase:
    """Stands in for the connection of the health view only: every query fails as a dead server's would."""

    def cursor(self):
        raise connection.Database.OperationalError("connection refused")


def test_health_is_503_when_the_database_is_down(db, monkeypatch) -> None:
    monkeypatch.setattr("datadam.core.views.connection", _DownDatabase())

    response = Client().get("/health")

    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"
