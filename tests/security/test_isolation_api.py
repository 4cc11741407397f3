"""Nobody outside organization A reaches anything of A's through the API, whatever operation they call.

The test walks the OpenAPI schema and puts one of A's objects into every id of a path, so a new operation is
checked the day it is added. An operation with an id in its path is about one object: an outsider gets 404.
One without is account-wide and listed in ACCOUNT_WIDE_OPERATIONS (here or in an app's module under
tests/security/contributions/) with the status an outsider gets; the answer holds nothing of A's.
"""

import json
from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.test import Client

from datadam.api import api
from tests.conftest import Cast, client_for
from tests.security.contributions import merged
from tests.security.objects_of_a import (
    API_PARAM,
    NOT_ID_PARAMS,
    PERSONAL_PARAMS,
    assert_shows_nothing_of_a,
    database_rows,
    fill,
    outsider_client,
    readable,
)
from tests.security.shapes import AccountWide, ObjectsOfA

SCHEMA = api.get_openapi_schema()


ACCOUNT_WIDE_OPERATIONS = {
    ("GET", "/api/v1/me"): AccountWide(200, lists="users"),
    ("GET", "/api/v1/organizations"): AccountWide(200, lists="organizations"),
    ("GET", "/api/v1/tokens"): AccountWide(200, lists="tokens"),
    ("POST", "/api/v1/tokens"): AccountWide(201, lists="tokens"),
    ("GET", "/api/v1/projects"): AccountWide(200, lists="projects"),
    ("POST", "/api/v1/projects"): AccountWide(404, lists=None),  # with A's organization_id in the body
    ("GET", "/api/v1/audit-events"): AccountWide(200, lists="audit_events"),
    ("GET", "/api/v1/pay/statements/{period}"): AccountWide(200, lists=None),  # the caller's own statement
} | merged("ACCOUNT_WIDE_OPERATIONS", {})
# Objects that belong to one person: even a colleague in A gets 404 for them.

# ---- the API, walked through its schema


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    spec: dict

    def __str__(self) -> str:
        return f"{self.method} {self.path}"

    @property
    def params(self) -> list[str]:
        return API_PARAM.findall(self.path)

    @property
    def ids(self) -> list[str]:
        return [param for param in self.params if param not in NOT_ID_PARAMS]


OPERATIONS = [
    Operation(method.upper(), path, spec)
    for path, methods in SCHEMA["paths"].items()
    for method, spec in methods.items()
]
OBJECT_OPERATIONS = [operation for operation in OPERATIONS if operation.ids]


def example_of(node: dict) -> object:
    """The plainest value a schema node accepts: required properties only, one-letter text, small numbers."""
    if "$ref" in node:
        node = SCHEMA["components"]["schemas"][node["$ref"].rsplit("/", 1)[-1]]
    for combined in ("allOf", "anyOf", "oneOf"):
        if combined in node:
            return example_of(next(option for option in node[combined] if option.get("type") != "null"))
    if "enum" in node:
        return node["enum"][0]
    kind = node.get("type", "object")
    if kind == "object":
        return {name: example_of(node["properties"][name]) for name in node.get("required", [])}
    if kind == "array":
        return [example_of(node["items"]) for _ in range(node.get("minItems", 0))]
    if kind in ("integer", "number"):
        return max(1, node.get("minimum", 1))
    if kind == "boolean":
        return True
    if node.get("format") == "binary":
        return SimpleUploadedFile("items.csv", b"text\nhello\n")
    return "x" * max(1, node.get("minLength", 1))


# Where the plainest body would be refused for its shape (a 422 before any access check), or would not
# aim at A: a valid body makes sure the 404 comes from the access check.
BODIES = {
    ("POST", "/api/v1/projects"): lambda a: {"organization_id": a.ids["organization_id"]},
    ("POST", "/api/v1/projects/{project_id}/members"): lambda a: {"username": "outsider", "role": "labeler"},
} | merged("BODIES", {})


def call(client: Client, operation: Operation, a: ObjectsOfA) -> HttpResponse:
    path = fill(operation.path, API_PARAM, a.ids, str(operation))
    content = operation.spec.get("requestBody", {}).get("content", {})
    if not content:
        return client.generic(operation.method, path)
    media_type, media = next(iter(content.items()))
    extra = BODIES.get((operation.method, operation.path))
    body = {**example_of(media["schema"]), **(extra(a) if extra else {})}
    if media_type == "multipart/form-data":
        assert operation.method == "POST", f"{operation}: the test only sends files with POST"
        return client.post(path, body)
    return client.generic(operation.method, path, json.dumps(body), content_type="application/json")


def test_every_api_operation_is_either_about_an_object_or_listed_as_account_wide() -> None:
    listed = {(operation.method, operation.path) for operation in OPERATIONS}
    unclassified = [str(op) for op in OPERATIONS if not op.ids and (op.method, op.path) not in ACCOUNT_WIDE_OPERATIONS]
    gone = [f"{method} {path}" for method, path in ACCOUNT_WIDE_OPERATIONS if (method, path) not in listed]

    assert not unclassified, f"Add these to ACCOUNT_WIDE_OPERATIONS, or give them an id in the path: {unclassified}"
    assert not gone, f"ACCOUNT_WIDE_OPERATIONS names operations the API no longer has: {gone}"
    assert all(op.path.startswith("/api/v1/") for op in OPERATIONS), "the schema's paths carry the /api/v1/ prefix"


@pytest.mark.parametrize("credential", ["browser", "token"])
@pytest.mark.parametrize("operation", OBJECT_OPERATIONS, ids=str)
def test_outsider_gets_404_from_every_api_operation_on_as_objects(
    cast: Cast, a: ObjectsOfA, operation: Operation, credential: str
) -> None:
    client = outsider_client(cast, credential)
    before = database_rows()

    response = call(client, operation, a)

    assert response.status_code == 404, (
        f"{operation} as the outsider ({credential}) answered {response.status_code}, not 404 "
        f"(a 422 means the test's body for it is not valid; see BODIES): {readable(response)[:500]}"
    )
    assert_shows_nothing_of_a(response, a, f"{operation} as the outsider")
    assert database_rows() == before, f"{operation} as the outsider changed the database"


@pytest.mark.parametrize("credential", ["browser", "token"])
@pytest.mark.parametrize("key", list(ACCOUNT_WIDE_OPERATIONS), ids=" ".join)
def test_outsider_sees_nothing_of_a_in_account_wide_operations(
    cast: Cast, a: ObjectsOfA, key: tuple[str, str], credential: str
) -> None:
    operation, expected = Operation(*key, SCHEMA["paths"][key[1]][key[0].lower()]), ACCOUNT_WIDE_OPERATIONS[key]
    client = outsider_client(cast, credential)
    before = database_rows()

    response = call(client, operation, a)

    assert response.status_code == expected.outsider_status, f"{operation} answered {response.status_code}"
    assert_shows_nothing_of_a(response, a, f"{operation} as the outsider")
    if expected.lists:
        body = response.json()
        rows = body.get("items", [body]) if isinstance(body, dict) else body
        assert a.ids_by_kind[expected.lists], f"the test made no {expected.lists} of A to look for"
        shown = {row["id"] for row in rows} & a.ids_by_kind[expected.lists]
        assert not shown, f"{operation} listed A's {expected.lists} {shown} to the outsider"
    if operation.method == "GET" or response.status_code >= 400:
        assert database_rows() == before, f"{operation} as the outsider changed the database"


@pytest.mark.parametrize("operation", OPERATIONS, ids=str)
def test_anonymous_caller_gets_401_from_every_api_operation(cast: Cast, a: ObjectsOfA, operation: Operation) -> None:
    before = database_rows()

    response = call(Client(), operation, a)

    assert response.status_code == 401, f"{operation} without credentials answered {response.status_code}"
    assert_shows_nothing_of_a(response, a, f"{operation} without credentials")
    assert database_rows() == before, f"{operation} without credentials changed the database"


def reached_the_view(response: HttpResponse) -> bool:
    """Not a 404, and not ninja's own 422 for a badly shaped request (its detail is a list, a service's is text)."""
    if response.status_code == 404:
        return False
    return not (response.status_code == 422 and isinstance(response.json().get("detail"), list))


@pytest.mark.parametrize("operation", OBJECT_OPERATIONS, ids=str)
def test_people_of_a_get_past_the_access_check_with_the_same_requests(
    cast: Cast, a: ObjectsOfA, operation: Operation
) -> None:
    """The control for the outsider tests: their 404s come from the access check, not from a wrong path or body."""
    answers = {
        person.username: call(client_for(person), operation, a)
        for person in (cast.labeler, cast.reviewer, cast.manager)
    }

    assert any(reached_the_view(response) for response in answers.values()), (
        f"{operation} did not reach its view even for A's own people: "
        + ", ".join(f"{name} {response.status_code} {readable(response)[:200]}" for name, response in answers.items())
    )


PERSONAL_OPERATIONS = [operation for operation in OBJECT_OPERATIONS if PERSONAL_PARAMS & set(operation.params)]


@pytest.mark.parametrize("operation", PERSONAL_OPERATIONS, ids=str)
def test_a_labeler_gets_404_for_another_labelers_lease_or_token(
    cast: Cast, a: ObjectsOfA, operation: Operation
) -> None:
    client = client_for(cast.labeler2)
    before = database_rows()

    response = call(client, operation, a)

    assert response.status_code == 404, f"{operation} as labeler2 on labeler's object answered {response.status_code}"
    assert database_rows() == before, f"{operation} as labeler2 changed labeler's object"


def test_manager_of_b_cannot_read_as_import_batch(cast: Cast, a: ObjectsOfA) -> None:
    client, batch_id = client_for(cast.manager_b), a.ids["batch_id"]

    for path in [
        f"/api/v1/imports/{batch_id}",
        f"/api/v1/projects/{cast.project.id}/imports",
        f"/projects/{cast.project.id}/imports/{batch_id}/",
        f"/projects/{cast.project_b.id}/imports/{batch_id}/",  # B's own project with A's batch
    ]:
        response = client.get(path)

        assert response.status_code == 404, f"GET {path} as manager_b answered {response.status_code}"
        assert_shows_nothing_of_a(response, a, f"GET {path} as manager_b")
