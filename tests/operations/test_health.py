"""/health/ready tells a load balancer whether this process may take traffic: the database answers, the file
storage writes and reads back, every migration is applied. When one fails it answers 503 naming it."""

import json
import logging
import subprocess
import sys

from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.test import Client, override_settings

from datadam.operations import health
from datadam.operations.request_id import RequestIdFilter
from tests.resilience.live import ROOT


def test_ready_is_200_when_database_storage_and_migrations_are_fine(db) -> None:
    response = Client().get("/health/ready")

    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "failed": [],
        "checks": {"database": "ok", "storage": "ok", "migrations": "ok"},
    }


def test_ready_is_503_naming_storage_when_files_cannot_be_written(db, tmp_path) -> None:
    not_a_folder = tmp_path / "a-file"
    not_a_folder.write_text("")
    broken = {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": not_a_folder}}
    from django.conf import settings

    with override_settings(STORAGES={**settings.STORAGES, "default": broken}):
        response = Client().get("/health/ready")

    assert response.status_code == 503
    assert response.json()["failed"] == ["storage"]
    assert str(tmp_path) not in response.content.decode(), "a public answer names no path of the server"


def test_ready_is_503_naming_migrations_while_one_is_not_applied(db, monkeypatch) -> None:
    monkeypatch.setattr(health, "_migrations_applied", False)
    MigrationRecorder(connection).record_unapplied("operations", "0001_initial")

    response = Client().get("/health/ready")

    assert response.status_code == 503
    assert response.json()["failed"] == ["migrations"]
    assert response.json()["checks"]["migrations"] == "UnappliedMigrations"


def test_ready_is_503_naming_the_database_when_it_is_down(db, monkeypatch) -> None:
    def refused() -> None:
        raise connection.Database.OperationalError("connection refused")

    monkeypatch.setattr(health, "CHECKS", {**health.CHECKS, "database": refused})

    response = Client().get("/health/ready")

    assert response.status_code == 503 and response.json()["failed"] == ["database"]


def test_every_answer_carries_a_request_id_and_a_sane_incoming_one_is_kept(db) -> None:
    kept = Client().get("/health", headers={"X-Request-ID": "lb-2f6c1a9e-77"})
    fresh = Client().get("/health")
    refused = Client().get("/health", headers={"X-Request-ID": 'bad"}\n{"level":"forged'})

    assert kept["X-Request-ID"] == "lb-2f6c1a9e-77"
    assert len(fresh["X-Request-ID"]) == 32
    assert refused["X-Request-ID"] != 'bad"}\n{"level":"forged' and len(refused["X-Request-ID"]) == 32


class _Lines(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []
        self.addFilter(RequestIdFilter())

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def test_a_line_logged_while_answering_a_request_names_its_id(db) -> None:
    lines, logger = _Lines(), logging.getLogger("django.request")
    logger.addHandler(lines)
    try:
        response = Client().get("/no-such-page/", headers={"X-Request-ID": "trace-0001-abcd"})
    finally:
        logger.removeHandler(lines)

    assert response.status_code == 404
    assert [record.request_id for record in lines.records] == ["trace-0001-abcd"]


LOG_A_LINE = (
    "import django, logging; django.setup(); "
    "from datadam.operations.request_id import current_request_id; current_request_id.set('job-1234abcd'); "
    "logging.getLogger('datadam.x').warning('import of %s done', 'r.csv')"
)


def test_with_json_logs_each_line_is_one_json_object_with_the_request_id() -> None:
    env = {"DJANGO_SETTINGS_MODULE": "datadam.settings", "DATADAM_LOG_FORMAT": "json", "PYTHONPATH": str(ROOT)}
    run = subprocess.run([sys.executable, "-c", LOG_A_LINE], env=env, cwd=ROOT, capture_output=True, text=True)

    line = json.loads(run.stderr.strip().splitlines()[-1])
    assert line["message"] == "import of r.csv done"
    assert (line["level"], line["logger"], line["request_id"]) == ("WARNING", "datadam.x", "job-1234abcd")
    assert "time" in line
