"""`datadam serve` loads the app once, in gunicorn's master, and forks its web processes from it, so that
they share the loaded code, the URL patterns, the compiled templates and the translations."""

import gc

import pytest
from django.db import connection
from django.template import engines
from gunicorn.config import Config
from gunicorn.http import message

from datadam.cli import default_web_processes, serve_command
from datadam.core import web_processes


def test_serve_loads_the_app_in_the_master_with_these_settings() -> None:
    command = serve_command("127.0.0.1:8000", 2)

    assert command[command.index("--config") + 1] == "python:datadam.core.web_processes"
    assert web_processes.preload_app is True


def test_serve_runs_one_web_process_per_core_and_one_more(monkeypatch) -> None:
    monkeypatch.setattr("os.cpu_count", lambda: 8)
    eight_cores = default_web_processes()
    monkeypatch.setattr("os.cpu_count", lambda: None)  # unknown

    assert (eight_cores, default_web_processes()) == (9, 2)


def test_requests_are_parsed_by_gunicorns_c_parser() -> None:
    config = Config()
    config.set("http_parser", web_processes.http_parser)

    assert message._check_fast_parser(config) is True  # gunicorn's own choice for these settings


def test_the_master_compiles_every_template_of_the_app_before_it_forks() -> None:
    cached_loader = engines["django"].engine.template_loaders[0]
    cached_loader.reset()

    web_processes.when_ready(None)

    compiled = set(cached_loader.get_template_cache)
    assert "base.html" in compiled
    assert set(web_processes._own_templates()) <= compiled


@pytest.mark.django_db(transaction=True)
def test_a_web_process_is_forked_without_a_database_connection_and_with_the_loaded_objects_frozen() -> None:
    connection.ensure_connection()
    try:
        web_processes.pre_fork(None, None)
        assert (gc.get_freeze_count() > 0, connection.connection is None) == (True, True)
    finally:
        gc.unfreeze()
