"""The cast, as in a story: two organizations and the people around them.

Organization A (a data company) has an owner and a manager; its project has two labelers and a
reviewer. Organization B has its own manager and an outsider who belongs only to B. A programme
operator watches over both. Nobody in B may see anything of A's.
"""

import os
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.utils import translation

from datadam.accounts.models import OrganizationMembership, User
from datadam.projects.models import Item, Project, ProjectMembership
from tests import factories

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker) -> None:
    """The test database alone may empty the append-only ledger between tests (see pay migration 0002)."""
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute("INSERT INTO pay_ledger_guard (flush_allowed) VALUES (%s)", [True])


@pytest.fixture(autouse=True)
def _site_language() -> Iterator[None]:
    """Every test starts in the site's language: a request in English earlier on the same worker leaves English
    active in the thread, and a message rendered in the test would then not match the page's Korean."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@dataclass
class Cast:
    owner: User
    manager: User
    labeler: User
    labeler2: User
    reviewer: User
    manager_b: User
    outsider: User
    project: Project
    project_b: Project
    items: list[Item]


@pytest.fixture
def cast(db) -> Cast:
    org_a = factories.OrganizationFactory(name="A 데이터", slug="a-data")
    org_b = factories.OrganizationFactory(name="B 라벨링", slug="b-labeling")
    people = {
        name: factories.UserFactory(username=name)
        for name in ["owner", "manager", "labeler", "labeler2", "reviewer", "manager_b", "outsider"]
    }
    factories.OrganizationMembershipFactory(
        organization=org_a, user=people["owner"], role=OrganizationMembership.Role.OWNER
    )
    factories.OrganizationMembershipFactory(organization=org_a, user=people["manager"])
    factories.OrganizationMembershipFactory(organization=org_b, user=people["manager_b"])
    factories.OrganizationMembershipFactory(organization=org_b, user=people["outsider"])
    project = factories.ProjectFactory(
        organization=org_a, name="A 감성 분류", created_by=people["manager"], join_policy=Project.JoinPolicy.INVITE
    )
    project_b = factories.ProjectFactory(
        organization=org_b, name="B 프로젝트", created_by=people["manager_b"], join_policy=Project.JoinPolicy.INVITE
    )
    for name in ["labeler", "labeler2"]:
        factories.ProjectMembershipFactory(project=project, user=people[name])
    factories.ProjectMembershipFactory(project=project, user=people["reviewer"], role=ProjectMembership.Role.REVIEWER)
    items = factories.ItemFactory.create_batch(5, project=project)
    factories.ItemFactory.create_batch(2, project=project_b)
    return Cast(project=project, project_b=project_b, items=items, **people)


def client_for(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """Debian's chromium, with the flags that keep it off the network it cannot reach."""
    return {
        **browser_type_launch_args,
        "executable_path": os.environ.get("DATADAM_CHROMIUM", "/usr/bin/chromium"),
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }
