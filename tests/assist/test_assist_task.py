"""The background task: queued by the manager, run by the worker; two runs at once for one project: one runs."""

import threading

import pytest
from django.core.management import call_command
from django.db import connection

from datadam.assist import services
from datadam.assist.models import ModelVersion
from datadam.projects.models import Item
from tests.assist.conftest import labeled_sentiment
from tests.conftest import client_for


@pytest.mark.django_db(transaction=True)  # the worker closes connections: it must not run inside the test's transaction
def test_learn_now_is_run_by_the_background_worker(cast) -> None:
    labeled_sentiment(cast.project)
    services.assist_settings_update(actor=cast.manager, project=cast.project, enabled=True, min_labels=10)
    assert client_for(cast.manager).post(f"/api/v1/projects/{cast.project.id}/assist/run").status_code == 202
    call_command("db_worker", "--queue-name", "*", "--batch", "--no-startup-delay", "--no-reload")
    assert ModelVersion.objects.get(project=cast.project).status == "trained"
    assert Item.objects.filter(project=cast.project, prediction__source__startswith="model:").count() == 5


@pytest.mark.django_db(transaction=True)
def test_two_runs_started_together_for_one_project_train_once(cast) -> None:
    labeled_sentiment(cast.project, copies=4)
    services.assist_settings_update(actor=cast.manager, project=cast.project, enabled=True, min_labels=10)
    start = threading.Barrier(2)
    outcomes: list = []

    def run() -> None:
        start.wait()
        try:
            outcomes.append(services.assist_run(project_id=cast.project.id))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(outcome is None for outcome in outcomes) == [False, True]
    assert ModelVersion.objects.filter(project=cast.project).count() == 1
