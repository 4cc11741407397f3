"""The manager's assistant page and API: model card, switch, queue order, run, backend check."""

import json

from datadam.assist import services
from datadam.assist.models import AssistSettings, ModelVersion
from datadam.labeling.models import Annotation
from tests.assist.backend_process import example_backend
from tests.conftest import client_for


def test_manager_sees_the_model_card_with_what_it_learned_from(sentiment_project, cast) -> None:
    services.assist_settings_update(actor=cast.manager, project=sentiment_project, enabled=True, min_labels=10)
    services.assist_run(project_id=sentiment_project.id)
    page = client_for(cast.manager).get(f"/projects/{sentiment_project.id}/assistant/", HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    text = page.content.decode()
    assert "text-tfidf-logreg" in text and "24 accepted labels" in text
    assert "on 5 held-out labels the model did not learn from" in text


def test_a_skipped_training_shows_its_reason_in_korean(cast) -> None:
    services.assist_settings_update(actor=cast.manager, project=cast.project, enabled=True)
    services.assist_run(project_id=cast.project.id)
    page = client_for(cast.manager).get(f"/projects/{cast.project.id}/assistant/", HTTP_ACCEPT_LANGUAGE="ko")
    assert ModelVersion.objects.get(project=cast.project).reason_code == "too_few"
    assert "적어도 20" in page.content.decode()


def test_manager_switches_the_assistant_on_with_uncertainty_order_on_the_page(cast) -> None:
    form = {
        "enabled": "on",
        "kind": "text_classifier",
        "queue_order": "uncertainty",
        "uncertainty_measure": "margin",
        "retrain_every": "25",
        "min_labels": "20",
        "backend_url": "",
        "backend_timeout_seconds": "10",
        "backend_retries": "2",
        "backend_batch_size": "32",
    }
    response = client_for(cast.manager).post(f"/projects/{cast.project.id}/assistant/", form)
    assert response.status_code == 302
    settings = AssistSettings.objects.get(project=cast.project)
    assert settings.enabled and settings.queue_order == "uncertainty" and settings.retrain_every == 25


def test_a_backend_without_an_address_is_refused_on_the_page(cast) -> None:
    form = {"enabled": "on", "kind": "backend", "queue_order": "id", "uncertainty_measure": "margin"}
    form |= {"retrain_every": "50", "min_labels": "20", "backend_timeout_seconds": "10", "backend_retries": "2"}
    response = client_for(cast.manager).post(
        f"/projects/{cast.project.id}/assistant/", form | {"backend_batch_size": 8}
    )
    assert response.status_code == 422
    assert not AssistSettings.objects.filter(project=cast.project, enabled=True).exists()


def test_labelers_and_outsiders_get_404(cast) -> None:
    for person in (cast.labeler, cast.outsider):
        assert client_for(person).get(f"/projects/{cast.project.id}/assistant/").status_code == 404
        assert client_for(person).get(f"/api/v1/projects/{cast.project.id}/assist").status_code == 404


def test_api_changes_settings_and_queues_a_run(cast, django_capture_on_commit_callbacks) -> None:
    client = client_for(cast.manager)
    url = f"/api/v1/projects/{cast.project.id}/assist"
    response = client.patch(
        url, json.dumps({"enabled": True, "queue_order": "random"}), content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["settings"]["queue_order"] == "random"
    with django_capture_on_commit_callbacks() as callbacks:
        assert client.post(f"{url}/run").status_code == 202
    assert len(callbacks) == 1
    bad = client.patch(url, json.dumps({"queue_order": "loudest"}), content_type="application/json")
    assert bad.status_code == 422


def test_manager_checks_the_backend_health(cast) -> None:
    client = client_for(cast.manager)
    with example_backend() as address:
        services.assist_settings_update(actor=cast.manager, project=cast.project, backend_url=address)
        answer = client.post(f"/api/v1/projects/{cast.project.id}/assist/health")
        assert answer.status_code == 200 and answer.json()["model"] == "example-wordlist-1"
    down = client.post(f"/api/v1/projects/{cast.project.id}/assist/health")
    assert down.status_code == 422
    page = client.get(f"/projects/{cast.project.id}/assistant/", HTTP_ACCEPT_LANGUAGE="en")
    assert "Backend unreachable" in page.content.decode()


def test_model_card_counts_pre_labels_workers_kept_unchanged(sentiment_project, cast) -> None:
    kept = {"source": "model:text-tfidf-logreg", "kept": ["sentiment"], "changed": []}
    changed = {"source": "model:text-tfidf-logreg", "kept": [], "changed": ["sentiment"]}
    annotations = Annotation.objects.filter(project=sentiment_project).order_by("id")
    imported = {"source": "import", "kept": ["sentiment"], "changed": []}
    for annotation, prelabel in zip(annotations, [kept, kept, changed, imported], strict=False):
        Annotation.objects.filter(id=annotation.id).update(prelabel=prelabel)
    page = client_for(cast.manager).get(f"/projects/{sentiment_project.id}/assistant/", HTTP_ACCEPT_LANGUAGE="en")
    assert "2 of 3" in page.content.decode()


def test_the_card_polls_while_a_run_is_waiting_and_stops_when_it_is_done(sentiment_project, cast) -> None:
    services.assist_settings_update(actor=cast.manager, project=sentiment_project, enabled=True, min_labels=10)
    client = client_for(cast.manager)
    assert client.post(f"/projects/{sentiment_project.id}/assistant/run").status_code == 302
    card = client.get(f"/projects/{sentiment_project.id}/assistant/card", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'hx-trigger="every 2s"' in card and "Waiting for the background worker" in card
    services.assist_run(project_id=sentiment_project.id)
    card = client.get(f"/projects/{sentiment_project.id}/assistant/card", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "hx-trigger" not in card and "text-tfidf-logreg" in card
