"""Training on accepted labels, pre-labels written as model-made, skips with reasons, one run at a time."""

import pytest

from datadam.assist import predict, runs, services
from datadam.assist.models import AssistProblem, AssistSettings, ModelVersion
from datadam.labeling import services as labeling
from datadam.labeling.services import NEXT_OPEN_ITEM_SQL  # noqa: F401 (the queue order this app feeds)
from datadam.projects.models import Item
from datadam.review import services as review
from tests import factories
from tests.assist.conftest import NER_SCHEMA, PEOPLE_AND_PLACES, accept, labeled_sentiment


def switch_on(project, **fields) -> AssistSettings:
    settings = services.assist_settings_for(project)
    for name, value in {"enabled": True, "min_labels": 10, **fields}.items():
        setattr(settings, name, value)
    settings.save()
    return settings


def test_text_assistant_trains_on_accepted_labels_and_pre_labels_open_items(sentiment_project, cast) -> None:
    switch_on(sentiment_project)
    version = services.assist_run(project_id=sentiment_project.id)
    assert version.status == ModelVersion.Status.TRAINED
    assert version.label_count == 24 and version.trained_on == "accepted"
    assert version.heldout_metric == "accuracy" and version.heldout_count == 5
    assert 0 <= version.heldout_score <= 1 and version.artifact
    open_items = Item.objects.filter(id__in=[item.id for item in cast.items])
    assert version.predicted_count == 5
    for item in open_items:
        assert item.prediction["source"] == "model:text-tfidf-logreg"
        assert item.prediction["result"]["sentiment"] in {"positive", "negative"}
        assert 0.5 <= item.prediction["confidence"] <= 1
    labeled = Item.objects.filter(project=sentiment_project, open_slots=0).exclude(id__in=[i.id for i in cast.items])
    assert all(item.prediction is None for item in labeled)


def test_an_imported_pre_label_is_not_overwritten(sentiment_project, cast) -> None:
    imported = {"result": {"sentiment": "negative"}, "source": "import", "confidence": None}
    Item.objects.filter(id=cast.items[0].id).update(prediction=imported)
    switch_on(sentiment_project)
    services.assist_run(project_id=sentiment_project.id)
    assert Item.objects.get(id=cast.items[0].id).prediction == imported


def test_training_on_too_few_labels_is_skipped_with_the_reason(cast) -> None:
    for item in cast.items[:3]:
        accept(cast.project, item, {"sentiment": "positive"})
    switch_on(cast.project)
    version = services.assist_run(project_id=cast.project.id)
    assert version.status == ModelVersion.Status.SKIPPED
    assert "only 3 labels; at least 10" in version.reason and version.label_count == 3
    assert not Item.objects.filter(project=cast.project).filter(prediction__isnull=False).exists()


def test_training_on_one_class_is_skipped_with_the_reason(cast) -> None:
    for number in range(12):
        item = factories.ItemFactory(project=cast.project, data={"text": f"좋아요 {number}"})
        accept(cast.project, item, {"sentiment": "positive"})
    switch_on(cast.project)
    version = services.assist_run(project_id=cast.project.id)
    assert version.status == ModelVersion.Status.SKIPPED and "two different labels" in version.reason


def test_a_second_run_while_one_holds_the_project_does_nothing(sentiment_project) -> None:
    switch_on(sentiment_project)
    assert services.assist_run_claim(sentiment_project)
    assert services.assist_run(project_id=sentiment_project.id) is None
    assert not ModelVersion.objects.filter(project=sentiment_project).exists()
    services.assist_run_release(sentiment_project)
    assert services.assist_run(project_id=sentiment_project.id).status == "trained"
    assert AssistSettings.objects.get(project=sentiment_project).busy_since is None


def test_a_run_with_the_assistant_off_does_nothing(sentiment_project) -> None:
    assert services.assist_run(project_id=sentiment_project.id) is None


def test_retrain_is_queued_once_enough_new_labels_were_accepted(
    sentiment_project, django_capture_on_commit_callbacks
) -> None:
    switch_on(sentiment_project, retrain_every=30)
    with django_capture_on_commit_callbacks() as callbacks:
        assert runs.assist_labels_accepted(project_id=sentiment_project.id) is False  # 24 < 30
        labeled_sentiment(sentiment_project, copies=1)
        assert runs.assist_labels_accepted(project_id=sentiment_project.id) is True
    assert len(callbacks) == 1


def test_span_assistant_pre_labels_spans_that_match_the_text(cast) -> None:
    pytest.importorskip("datadam.projects.schema.controls.spans", reason="the spans control is not in the schema yet")
    project = factories.ProjectFactory(organization=cast.project.organization, schema=NER_SCHEMA)
    worker = factories.UserFactory()
    for name, place in PEOPLE_AND_PLACES * 3:
        text = f"{name}이 {place}에 갔다"
        item = factories.ItemFactory(project=project, data={"text": text})
        spans = [
            {"id": "s1", "start": 0, "end": 3, "label": "PS", "text": name},
            {"id": "s2", "start": 5, "end": 7, "label": "LC", "text": place},
        ]
        accept(project, item, {"entities": spans}, worker)
    fresh = factories.ItemFactory(project=project, data={"text": "정우성이 서울에 갔다"})
    switch_on(project, kind=AssistSettings.Kind.SPAN_TAGGER)
    version = services.assist_run(project_id=project.id)
    assert version.status == "trained" and version.heldout_metric == "span_f1"
    fresh.refresh_from_db()
    assert fresh.prediction["source"] == "model:spans-char-crf"
    found = [(span["label"], span["text"]) for span in fresh.prediction["result"]["entities"]]
    assert found == [("PS", "정우성"), ("LC", "서울")]


def test_turning_the_assistant_off_removes_model_pre_labels(sentiment_project, cast) -> None:
    switch_on(sentiment_project)
    services.assist_run(project_id=sentiment_project.id)
    services.assist_settings_update(actor=cast.manager, project=sentiment_project, enabled=False)
    assert not Item.objects.filter(project=sentiment_project).filter(prediction__isnull=False).exists()


def test_a_model_that_breaks_is_recorded_as_a_failed_run_and_the_lock_is_released(
    sentiment_project, monkeypatch
) -> None:
    def broken(*args, **kwargs):
        raise RuntimeError("out of memory")

    monkeypatch.setattr(predict, "builtin_train", broken)
    switch_on(sentiment_project)
    version = services.assist_run(project_id=sentiment_project.id)
    assert version.status == ModelVersion.Status.FAILED and "out of memory" in version.reason
    assert AssistProblem.objects.get(project=sentiment_project).what == "error"
    assert AssistSettings.objects.get(project=sentiment_project).busy_since is None


def test_only_the_newest_model_keeps_its_fitted_artifact(sentiment_project) -> None:
    switch_on(sentiment_project)
    first = services.assist_run(project_id=sentiment_project.id)
    second = services.assist_run(project_id=sentiment_project.id)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.artifact is None and second.artifact


def test_a_reviewers_accept_queues_the_retrain_when_it_is_due(cast, django_capture_on_commit_callbacks) -> None:
    switch_on(cast.project, retrain_every=1)
    lease = labeling.assignment_lease_next(actor=cast.labeler, project=cast.project)
    answer = {"sentiment": "positive"}
    annotation, _ = labeling.annotation_submit(actor=cast.labeler, assignment_id=lease.id, result=answer)

    with django_capture_on_commit_callbacks() as callbacks:
        review.review_accept(actor=cast.reviewer, annotation_id=annotation.id)

    assert any("assist" in repr(callback) for callback in callbacks), callbacks
