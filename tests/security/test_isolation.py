"""Nobody outside organization A sees or changes anything of A's, whatever operation or page they try.

The tests walk the OpenAPI schema and the URLconf and put one of A's objects into every id of a path,
so a new endpoint or page is checked the day it is added. What fits none of these rules makes a
classification test fail until someone decides what it is (each newer app says so in its own module
under tests/security/contributions/):

- an API operation with an id in its path is about one object: an outsider gets 404;
- an API operation without one is account-wide and listed in ACCOUNT_WIDE_OPERATIONS with the status
  an outsider gets; the answer holds nothing of A's;
- a page is public (tests/security/public_routes.py, or an app's module in tests/security/contributions/)
  or sends anonymous visitors to the login page;
  a page with an id in its path answers an outsider 404.

A month in a path (`period`, as in /pay/statements/2026-11/) is not an id: a path with nothing else
is about the caller's own account (their pay statement), and the tests fill in this month.
"""

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from django.apps import apps
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import URLResolver, get_resolver
from django.urls.resolvers import RoutePattern
from django.utils import timezone

from datadam.accounts import services as account_services
from datadam.accounts.models import ApiToken
from datadam.api import api
from datadam.audit.models import AuditEvent
from datadam.labeling import services as labeling_services
from datadam.labeling.models import Annotation, Assignment
from datadam.pay import services as pay_services
from datadam.projects.imports import services as imports
from datadam.projects.models import ImportBatch, Item, Project, ProjectMembership
from datadam.releases import services as release_services
from tests.conftest import Cast, client_for
from tests.security.contributions import contribution_modules, merged
from tests.security.public_routes import PUBLIC_ROUTES as CORE_PUBLIC_ROUTES
from tests.security.shapes import AccountWide, ObjectsOfA

SCHEMA = api.get_openapi_schema()
PUBLIC_ROUTES = CORE_PUBLIC_ROUTES | merged("PUBLIC_ROUTES", {})
API_PARAM = re.compile(r"\{(\w+)\}")
PAGE_PARAM = re.compile(r"<(?:\w+:)?(\w+)>")
# Django's admin and language switch are not ours; the API is walked through its schema instead.
SKIPPED_PAGE_PREFIXES = ("admin/", "api/", "i18n/", "static/", "media/")
SECRET_FILE_NAME = "a-secret-reviews.csv"
SECRET_TEXTS = [
    "A 회사의 비밀 리뷰",
    "A의 비밀 설명",
    "A의 비밀 작업 지침",
    "A 라벨러의 비밀 메모",
    "A의 비밀 보너스 사유",
]
# Path parameters that are not ids: a month names no object of anyone's.
NOT_ID_PARAMS = {"period"} | merged("NOT_ID_PARAMS", set())


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
PERSONAL_PARAMS = {"assignment_id", "token_id"} | merged("PERSONAL_PARAMS", set())


@pytest.fixture
def a(cast: Cast) -> ObjectsOfA:
    """A's project with the labeler's live lease, labeler2's submitted work, a finished import, an export job,
    the labeler's API token and a bonus paid to labeler2; and the audit events all that wrote."""
    Project.objects.filter(id=cast.project.id).update(description=SECRET_TEXTS[1], guideline=SECRET_TEXTS[2])
    done = labeling_services.assignment_lease_next(actor=cast.labeler2, project=cast.project)
    answer = {"sentiment": "positive", "note": SECRET_TEXTS[3]}
    annotation, _created = labeling_services.annotation_submit(
        actor=cast.labeler2, assignment_id=done.id, result=answer
    )
    lease = labeling_services.assignment_lease_next(actor=cast.labeler, project=cast.project)
    upload = SimpleUploadedFile(SECRET_FILE_NAME, f"text\n{SECRET_TEXTS[0]}\n".encode())
    batch = imports.import_batch_create(
        actor=cast.manager, project=cast.project, upload=upload, file_name=SECRET_FILE_NAME
    )
    imports.import_batch_run(batch_id=batch.id)
    job = release_services.export_job_create(actor=cast.manager, project=cast.project, include="all")
    token, _plain = account_services.token_create(user=cast.labeler, name="A 라벨러의 스크립트")
    organization = cast.project.organization
    pay_services.ledger_adjust(
        actor=cast.manager,
        organization=organization,
        worker=cast.labeler2,
        amount=5000,
        reason=SECRET_TEXTS[4],
        kind="bonus",
    )
    people = [cast.owner, cast.manager, cast.labeler, cast.labeler2, cast.reviewer]
    ids = {"project_id": cast.project.id, "organization_id": organization.id, "assignment_id": lease.id}
    ids |= {"annotation_id": annotation.id, "batch_id": batch.id, "job_id": job.id, "token_id": token.id}
    ids["period"] = timezone.localdate().strftime("%Y-%m")
    objects = ObjectsOfA(
        ids=ids,
        ids_by_kind={
            "projects": {cast.project.id},
            "organizations": {organization.id},
            "tokens": {token.id},
            "users": {person.id for person in people},
            "audit_events": set(AuditEvent.objects.filter(organization=organization).values_list("id", flat=True)),
        },
        secrets=[cast.project.name, organization.name, SECRET_FILE_NAME, token.name, token.prefix, *SECRET_TEXTS]
        + [item.data["text"] for item in cast.items],
    )
    for module in contribution_modules():
        if hasattr(module, "objects_of_a"):
            module.objects_of_a(cast, objects)
    return objects


def outsider_client(cast: Cast, credential: str) -> Client:
    """The outsider (a member of B only), logged in in a browser or calling with an API token."""
    if credential == "browser":
        return client_for(cast.outsider)
    _row, plain = account_services.token_create(user=cast.outsider, name="outsider's script")
    account_services.token_authenticate(plain=plain)  # the first use stamps the token; not a change to look for
    return Client(headers={"Authorization": f"Bearer {plain}"})


# ---- what an answer may show, and what a request may change


def readable(response: HttpResponse) -> str:
    text = response.content.decode(errors="replace")
    if response.get("Content-Type", "").startswith("application/json") and text:
        text = json.dumps(json.loads(text), ensure_ascii=False)  # Korean arrives \u-escaped
    return text


def assert_shows_nothing_of_a(response: HttpResponse, a: ObjectsOfA, label: str) -> None:
    text = readable(response)
    leaked = [secret for secret in a.secrets if secret in text]
    assert not leaked, f"{label} answered {response.status_code} showing A's data {leaked}: {text[:500]}"


def database_rows() -> dict[str, list[dict]]:
    """Every row of every table of Datadam's own apps (Django's tables change when someone logs in)."""
    return {
        model._meta.label: list(model.objects.order_by("pk").values())
        for model in apps.get_models()
        if model._meta.app_config.name.startswith("datadam.")
    }


def fill(route: str, param: re.Pattern, ids: dict[str, int | str], label: str) -> str:
    def one(match: re.Match) -> str:
        name = match.group(1)
        if name not in ids:
            pytest.fail(f"{label}: no object of A to put in {name}; give the `a` fixture one")
        return str(ids[name])

    return param.sub(one, route)


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


# ---- the pages, walked through the URLconf


def page_routes() -> list[str]:
    """Every page's route, e.g. "projects/<int:project_id>/"; a re_path() route comes back as a regex."""

    def walk(patterns: list, prefix: str) -> Iterator[str]:
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if route.startswith(SKIPPED_PAGE_PREFIXES):
                continue
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, route)
            elif isinstance(pattern.pattern, RoutePattern):
                yield route
            else:
                yield f"re_path:{route}"

    return list(walk(get_resolver().url_patterns, ""))


ROUTES = page_routes()
OBJECT_ROUTES = [
    route for route in ROUTES if set(PAGE_PARAM.findall(route)) - NOT_ID_PARAMS and route not in PUBLIC_ROUTES
]
PRIVATE_ROUTES = [route for route in ROUTES if route not in PUBLIC_ROUTES]


def visit(client: Client, method: str, route: str, a: ObjectsOfA) -> tuple[str, HttpResponse]:
    path = "/" + fill(route, PAGE_PARAM, a.ids, route)
    return path, client.generic(method, path)


def test_every_page_is_public_or_private_with_ids_the_test_can_fill() -> None:
    regex_routes = [route for route in ROUTES if route.startswith("re_path:")]
    gone = [route for route in PUBLIC_ROUTES if route not in ROUTES]
    # A public page may name its object by a public code or slug (NOT_ID_PARAMS), never by an id.
    public_with_ids = [route for route in PUBLIC_ROUTES if set(PAGE_PARAM.findall(route)) - NOT_ID_PARAMS]

    assert not regex_routes, f"Use path() so the test can fill the ids: {regex_routes}"
    assert not gone, f"public_routes.py names pages the URLconf no longer has: {gone}"
    assert not public_with_ids, f"A public page about one object is not public: {public_with_ids}"
    assert "projects/<int:project_id>/" in OBJECT_ROUTES, "the walk found the project pages"


@pytest.mark.parametrize("route", PRIVATE_ROUTES)
def test_anonymous_visitor_is_sent_to_login_from_every_private_page(cast: Cast, a: ObjectsOfA, route: str) -> None:
    before = database_rows()
    login = resolve_url(settings.LOGIN_URL)

    answers = [(method, *visit(Client(), method, route, a)) for method in ("GET", "POST")]

    for method, path, response in answers:
        assert response.status_code in (302, 405), (
            f"{method} {path} answered an anonymous visitor {response.status_code}"
        )
        if response.status_code == 302:
            assert response.url == f"{login}?next={path}", f"{method} {path} redirected to {response.url}"
    assert any(response.status_code == 302 for _method, _path, response in answers), f"{route} never asks to log in"
    assert database_rows() == before, f"an anonymous visitor changed the database through {route}"


@pytest.mark.parametrize("route", list(PUBLIC_ROUTES))
def test_anonymous_visitor_can_open_public_pages(cast: Cast, a: ObjectsOfA, route: str) -> None:
    response = Client().get("/" + fill(route, PAGE_PARAM, a.ids, route))

    assert response.status_code in (200, 405), f"public page /{route} answered {response.status_code}"


@pytest.mark.parametrize("route", OBJECT_ROUTES)
def test_outsider_gets_404_from_every_page_about_as_objects(cast: Cast, a: ObjectsOfA, route: str) -> None:
    client = client_for(cast.outsider)
    before = database_rows()

    answers = [(method, *visit(client, method, route, a)) for method in ("GET", "POST")]

    for method, path, response in answers:
        assert response.status_code in (404, 405), f"{method} {path} answered the outsider {response.status_code}"
        assert_shows_nothing_of_a(response, a, f"{method} {path} as the outsider")
    assert any(response.status_code == 404 for _method, _path, response in answers), f"{route} never says 404"
    assert database_rows() == before, f"the outsider changed the database through {route}"


@pytest.mark.parametrize("route", OBJECT_ROUTES)
def test_people_of_a_open_every_page_about_as_objects(cast: Cast, a: ObjectsOfA, route: str) -> None:
    """The control for the page tests: the ids the test fills in are real, so the outsider's 404 means something."""
    answers = [
        (person.username, method, *visit(client_for(person), method, route, a))
        for person in (cast.labeler, cast.reviewer, cast.manager)
        for method in ("GET", "POST")
    ]

    assert any(response.status_code not in (404, 405) for *_, response in answers), (
        f"{route} answered 404 or 405 even to A's own people: "
        + ", ".join(f"{name} {method} {response.status_code}" for name, method, _path, response in answers)
    )


@pytest.mark.parametrize("route", [route for route in ROUTES if route not in OBJECT_ROUTES])
def test_outsider_sees_nothing_of_a_on_pages_without_an_id(cast: Cast, a: ObjectsOfA, route: str) -> None:
    path, response = visit(client_for(cast.outsider), "GET", route, a)

    assert response.status_code in (200, 302, 405), f"GET {path} answered the outsider {response.status_code}"
    assert_shows_nothing_of_a(response, a, f"GET {path} as the outsider")


def test_a_labeler_gets_404_for_another_labelers_task_pages(cast: Cast, a: ObjectsOfA) -> None:
    client, base = client_for(cast.labeler2), f"/projects/{cast.project.id}/tasks/{a.ids['assignment_id']}"
    before = database_rows()

    answers = [("GET", f"{base}/"), ("POST", f"{base}/submit/"), ("POST", f"{base}/skip/")]

    for method, path in answers:
        response = client.generic(method, path, "sentiment=positive", content_type="application/x-www-form-urlencoded")
        assert response.status_code == 404, f"{method} {path} as labeler2 answered {response.status_code}"
    assert database_rows() == before


def test_outsider_posting_to_as_pages_changes_nothing(cast: Cast, a: ObjectsOfA) -> None:
    client, project_id, lease_id = client_for(cast.outsider), cast.project.id, a.ids["assignment_id"]
    tables = [Project, ProjectMembership, ImportBatch, Item, Assignment, Annotation]
    counts = {model: model.objects.count() for model in tables}
    upload = SimpleUploadedFile("outsider.csv", "text\n외부인이 넣은 문장\n".encode())

    answers = {
        "join": client.post(f"/projects/{project_id}/join/"),
        "import": client.post(f"/projects/{project_id}/import/", {"file": upload, "text_column": "text"}),
        "submit": client.post(f"/projects/{project_id}/tasks/{lease_id}/submit/", {"sentiment": "positive"}),
        "skip": client.post(f"/projects/{project_id}/tasks/{lease_id}/skip/"),
        "revoke": client.post(f"/accounts/tokens/{a.ids['token_id']}/revoke/"),
        "create": client.post(
            "/projects/new/",
            {
                "organization": a.ids["organization_id"],
                "name": "납치",
                "schema": '{"controls": [{"type": "text", "name": "t"}]}',
                "default_overlap": 1,
                "join_policy": "open",
            },
        ),
    }

    statuses = {page: response.status_code for page, response in answers.items()}
    assert statuses == {"join": 404, "import": 404, "submit": 404, "skip": 404, "revoke": 404, "create": 200}
    assert {model: model.objects.count() for model in tables} == counts
    assert Assignment.objects.get(id=lease_id).status == Assignment.Status.ACTIVE
    assert ApiToken.objects.get(id=a.ids["token_id"]).revoked_at is None
    assert not Item.objects.filter(data__text="외부인이 넣은 문장").exists()
