"""A script sends the API whatever it likes: the answer is a 4xx it can read, never a 5xx.

Schemathesis generates requests from the OpenAPI schema (valid ones, invalid ones and the edge cases
of every field) and sends them through the real WSGI application with an API token. Below the fuzz
tests are the requests it (or a person reading its output) found answering 5xx, pinned one by one.

Every test here uses `transaction=True`: a request through the WSGI application closes the database
connection when it finishes, which on PostgreSQL would break the transaction a plain test runs in.
"""

import pytest
import schemathesis
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    ignored_auth,
    response_schema_conformance,
    status_code_conformance,
)

from datadam.accounts import services as account_services
from datadam.accounts.models import ApiToken
from datadam.api import api
from datadam.labeling import services as labeling_services
from datadam.projects.imports import services as imports
from datadam.releases import services as release_services
from datadam.wsgi import application
from tests import factories
from tests.conftest import Cast
from tests.security.contributions import contribution_modules
from tests.security.shapes import ObjectsOfA

# An explicit config, so that a schemathesis.toml somewhere above the checkout cannot change the run.
CONFIG = SchemathesisConfig.from_dict({"seed": 20240601})
schema = schemathesis.openapi.from_dict(api.get_openapi_schema(), config=CONFIG)
schema.app = application

# Bounded so the whole file runs in well under a minute; shrinking is off because a failure already
# prints the exact request as a curl command. The coverage phase (edge values of every field) runs
# with the explicit phase.
FUZZ = settings(
    max_examples=15,
    deadline=None,
    derandomize=True,
    database=None,  # nothing to replay: the same examples come every run
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture],  # the token is made once per operation
)
# No 5xx, and every answer is one the schema documents, in its documented shape, refused without a token.
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    ignored_auth,
]
HUGE = "68723106608673646481103030059008"  # past a 64-bit integer


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def labeler_token(cast: Cast) -> str:
    _row, plain = account_services.token_create(user=cast.labeler, name="fuzzing script")
    return plain


@pytest.fixture
def manager_token(cast: Cast) -> str:
    """The manager of A, who also labels in A's project (so one token reaches every operation)."""
    factories.ProjectMembershipFactory(project=cast.project, user=cast.manager)
    _row, plain = account_services.token_create(user=cast.manager, name="fuzzing script")
    return plain


@pytest.fixture
def real_ids(cast: Cast, manager_token: str) -> dict[str, int | str]:
    """A's project; the manager's lease, import and export job; the labeler's submitted work for the manager to
    review; and a spare token of the manager's to revoke (not the one signing the requests)."""
    done = labeling_services.assignment_lease_next(actor=cast.labeler, project=cast.project)
    answer = {"sentiment": "positive"}
    annotation, _created = labeling_services.annotation_submit(actor=cast.labeler, assignment_id=done.id, result=answer)
    lease = labeling_services.assignment_lease_next(actor=cast.manager, project=cast.project)
    upload = SimpleUploadedFile("reviews.csv", "text\n배송이 빨라요\n".encode())
    batch = imports.import_batch_create(
        actor=cast.manager, project=cast.project, upload=upload, file_name="reviews.csv"
    )
    job = release_services.export_job_create(actor=cast.manager, project=cast.project, include="all")
    spare, _plain = account_services.token_create(user=cast.manager, name="spare")
    ids = {"project_id": cast.project.id, "assignment_id": lease.id, "annotation_id": annotation.id}
    month = timezone.localdate().strftime("%Y-%m")  # not an id: the month of the caller's own statement
    ids |= {"batch_id": batch.id, "job_id": job.id, "token_id": spare.id, "period": month}
    # Each newer app's objects of A, as its isolation contribution makes them (ids above take precedence).
    objects = ObjectsOfA(ids=dict(ids), ids_by_kind={}, secrets=[])
    for module in contribution_modules():
        if hasattr(module, "objects_of_a"):
            module.objects_of_a(cast, objects)
    return objects.ids | ids


@pytest.mark.django_db(transaction=True)
@schema.parametrize()
@FUZZ
def test_no_request_from_a_labelers_script_gets_a_server_error(case, labeler_token: str) -> None:
    case.call_and_validate(headers=bearer(labeler_token), checks=CHECKS)


@pytest.mark.django_db(transaction=True)
@schema.parametrize()
@FUZZ
def test_no_request_about_real_objects_from_a_managers_script_gets_a_server_error(
    case, manager_token: str, real_ids: dict[str, int | str]
) -> None:
    """The same with A's real ids in the path: random ids answer 404 before any service runs, real ones
    let the generated bodies (label results, schemas, files, names) reach the services' validation."""
    if case.path_parameters:
        case.path_parameters = {name: str(real_ids.get(name, 0)) for name in case.path_parameters}
    case.call_and_validate(headers=bearer(manager_token), checks=CHECKS)


# ---- requests that answered 5xx, pinned


def script(token: str) -> Client:
    return Client(headers=bearer(token), raise_request_exception=False)


def assert_refused_politely(response: HttpResponse, request: str) -> None:
    assert 400 <= response.status_code < 500, f"{request} answered {response.status_code}"


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("query", [f"limit={HUGE}", f"offset={HUGE}"])
@pytest.mark.parametrize("listing", ["projects", "items"])
def test_a_page_size_or_offset_past_64_bits_is_refused(
    cast: Cast, manager_token: str, listing: str, query: str
) -> None:
    path = {"projects": "/api/v1/projects", "items": f"/api/v1/projects/{cast.project.id}/items"}[listing]

    response = script(manager_token).get(f"{path}?{query}")

    assert_refused_politely(response, f"GET {path}?{query}")


@pytest.mark.django_db(transaction=True)
def test_a_token_name_the_schema_allows_is_stored_whole_or_refused(labeler_token: str) -> None:
    name = "n" * 150  # the schema allows 200 characters

    response = script(labeler_token).post("/api/v1/tokens", {"name": name}, content_type="application/json")

    assert response.status_code in (201, 422), f"POST /api/v1/tokens with a 150-character name: {response.status_code}"
    if response.status_code == 201:
        assert ApiToken.objects.get(id=response.json()["id"]).name == name


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("value", ["NaN", "Infinity", "1e400", '"\\ud800"'])
def test_a_draft_with_a_value_json_cannot_store_is_refused(
    cast: Cast, manager_token: str, real_ids: dict[str, int], value: str
) -> None:
    path = f"/api/v1/assignments/{real_ids['assignment_id']}/draft"
    body = f'{{"result": {{"note": {value}}}}}'

    response = script(manager_token).put(path, body, content_type="application/json")

    assert_refused_politely(response, f"PUT {path} {body}")


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "path", ["/api/v1/assignments/{assignment_id}/submit", "/api/v1/annotations/{annotation_id}/correct"]
)
def test_an_answer_with_a_lone_surrogate_does_not_crash(
    manager_token: str, real_ids: dict[str, int], path: str
) -> None:
    path = path.format(**real_ids)
    body = '{"result": {"sentiment": "positive", "note": "\\ud800"}}'

    response = script(manager_token).post(path, body, content_type="application/json")

    assert response.status_code != 500, f"POST {path} {body} answered 500"


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "line",
    [
        '{"text": "hi", "score": NaN}',
        '{"text": "hi", "score": 1e999}',
        '{"text": "h\\ud800i"}',
        '{"text": "hi", "\\ud800": 1}',
    ],
)
def test_an_import_row_json_cannot_store_is_reported_not_a_crash(cast: Cast, manager_token: str, line: str) -> None:
    path = f"/api/v1/projects/{cast.project.id}/imports"
    upload = SimpleUploadedFile("rows.jsonl", f"{line}\n".encode())

    response = script(manager_token).post(path, {"file": upload})

    assert response.status_code != 500, f"POST {path} with rows.jsonl holding {line} answered 500"


@pytest.mark.django_db(transaction=True)
def test_an_encoding_name_longer_than_the_column_is_refused(cast: Cast, manager_token: str) -> None:
    path = f"/api/v1/projects/{cast.project.id}/imports"
    upload = SimpleUploadedFile("rows.csv", b"text\nhi\n")

    response = script(manager_token).post(path, {"file": upload, "encoding": "x" * 40})

    assert_refused_politely(response, f"POST {path} with encoding={'x' * 40}")
