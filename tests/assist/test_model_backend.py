"""The model-backend protocol against the example backend, started for real, including its failures."""

import pytest

from datadam.assist import services
from datadam.assist.backend import BackendClient, BackendError
from datadam.assist.models import AssistProblem, AssistSettings, ModelVersion
from datadam.core.errors import Invalid
from datadam.projects.models import Item
from tests import factories
from tests.assist.backend_process import example_backend


@pytest.fixture
def reviews(cast) -> list[Item]:
    texts = ["정말 재미있고 최고", "지루하고 최악", "그냥 그랬다"]
    return [factories.ItemFactory(project=cast.project, data={"text": text}) for text in texts]


def use_backend(project, url: str, **fields) -> AssistSettings:
    settings = services.assist_settings_for(project)
    values = {"enabled": True, "kind": "backend", "backend_url": url, "backend_retries": 0, **fields}
    for name, value in values.items():
        setattr(settings, name, value)
    settings.save()
    return settings


def test_backend_answers_health_and_its_predictions_become_pre_labels(cast, reviews) -> None:
    with example_backend() as url:
        assert BackendClient(url).health()["status"] == "ok"
        use_backend(cast.project, url, backend_batch_size=2, queue_order="uncertainty")
        version = services.assist_run(project_id=cast.project.id)
    assert version.status == ModelVersion.Status.TRAINED and version.name == "example-wordlist-1"
    good, bad, unsure = (Item.objects.get(id=item.id) for item in reviews)
    expected = {"result": {"sentiment": "positive"}, "source": "model:example-wordlist-1", "confidence": 0.8}
    assert good.prediction == expected
    assert bad.prediction["result"] == {"sentiment": "negative"}
    assert unsure.prediction is None  # the backend had nothing to say: served without a pre-label
    assert unsure.priority > good.priority  # unscored items come after scored ones
    assert not AssistProblem.objects.exists()


@pytest.mark.parametrize(
    ("mode", "what"),
    [("malformed", "malformed"), ("error", "http_error")],
)
def test_a_broken_backend_is_logged_and_items_are_served_without_pre_labels(cast, reviews, mode, what) -> None:
    with example_backend("--mode", mode) as url:
        use_backend(cast.project, url)
        version = services.assist_run(project_id=cast.project.id)
    assert version.status == ModelVersion.Status.FAILED
    problem = AssistProblem.objects.get(project=cast.project)
    assert problem.what == what
    assert not Item.objects.filter(project=cast.project, prediction__isnull=False).exists()


def test_a_slow_backend_times_out(cast, reviews) -> None:
    with example_backend("--mode", "slow", "--delay", "3") as url:
        use_backend(cast.project, url, backend_timeout_seconds=0.5)
        version = services.assist_run(project_id=cast.project.id)
    assert version.status == ModelVersion.Status.FAILED and "within 0.5 s" in version.reason
    assert AssistProblem.objects.get(project=cast.project).what == "slow"


def test_a_backend_that_is_down_is_logged(cast, reviews) -> None:
    with example_backend() as url:
        pass  # started and stopped: nothing listens on that port any more
    use_backend(cast.project, url)
    version = services.assist_run(project_id=cast.project.id)
    assert version.status == ModelVersion.Status.FAILED
    assert AssistProblem.objects.get(project=cast.project).what == "down"


def test_labels_outside_the_schema_are_refused_item_by_item(cast, reviews) -> None:
    with example_backend("--mode", "outside") as url:
        use_backend(cast.project, url)
        version = services.assist_run(project_id=cast.project.id)
    assert version.status == ModelVersion.Status.TRAINED and version.predicted_count == 0
    problems = AssistProblem.objects.filter(project=cast.project, what="outside_schema")
    refused = {problem.item_id for problem in problems}
    assert {reviews[0].id, reviews[1].id} <= refused and reviews[2].id not in refused
    assert "maybe" in problems.first().message
    assert not Item.objects.filter(project=cast.project, prediction__isnull=False).exists()


def test_a_flaky_backend_is_retried_and_without_retries_the_failure_shows() -> None:
    with example_backend("--mode", "flaky", "--fail-first", "2") as url:
        assert BackendClient(url, retries=2, backoff=0.01).health()["model"] == "example-wordlist-1"
    with example_backend("--mode", "flaky", "--fail-first", "1") as url:
        with pytest.raises(BackendError) as failure:
            BackendClient(url, retries=0).health()
    assert failure.value.what == "http_error" and "503" in failure.value.message


def test_an_address_that_is_not_http_is_refused(cast) -> None:
    with pytest.raises(ValueError, match="http"):
        BackendClient("file:///etc/passwd")
    with pytest.raises(Invalid):
        services.assist_settings_update(actor=cast.manager, project=cast.project, backend_url="ftp://example.org/")
