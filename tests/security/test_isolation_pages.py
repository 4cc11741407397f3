"""Nobody outside organization A opens or changes anything of A's through the pages, whatever they visit.

The test walks the URLconf and puts one of A's objects into every id of a path, so a new page is checked the
day it is added. A page is public (tests/security/public_routes.py, or an app's module in
tests/security/contributions/) or sends anonymous visitors to the login page; a page with an id in its path
answers an outsider 404.
"""

from collections.abc import Iterator

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import URLResolver, get_resolver
from django.urls.resolvers import RoutePattern

from datadam.accounts.models import ApiToken
from datadam.labeling.models import Annotation, Assignment
from datadam.projects.models import ImportBatch, Item, Project, ProjectMembership
from tests.conftest import Cast, client_for
from tests.security.objects_of_a import (
    NOT_ID_PARAMS,
    PAGE_PARAM,
    PUBLIC_ROUTES,
    SKIPPED_PAGE_PREFIXES,
    assert_shows_nothing_of_a,
    database_rows,
    fill,
)
from tests.security.shapes import ObjectsOfA

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


@pytest.mark.parametrize("route", list(PUBLIC_ROUTES))
def test_anonymous_visitor_sees_nothing_of_a_on_public_pages(cast: Cast, a: ObjectsOfA, route: str) -> None:
    path, response = visit(Client(), "GET", route, a)

    assert_shows_nothing_of_a(response, a, f"GET {path} as a visitor")


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
