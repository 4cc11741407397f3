"""Load balancers ask /health whether the process lives (it touches nothing, so a database outage does not get
every web process restarted); /health/ready is tested in tests/operations/test_health.py."""

from django.db import connection
from django.test import Client


class _DownDatabase:
    """Stands in for the database connection: every query fails as a dead server's would."""

    def cursor(self):
        raise connection.Database.OperationalError("connection refused")


def test_health_answers_200_without_asking_the_database(db, monkeypatch, django_assert_num_queries) -> None:
    monkeypatch.setattr("datadam.core.views.connection", _DownDatabase(), raising=False)

    with django_assert_num_queries(0):
        response = Client().get("/health")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
