"""Names people type end up in the CSV files others open in Excel; none may arrive there as a live formula.

A project, a data project, a course, a person or a reason named `=HYPERLINK(...)` or `@SUM(...)` is planted in
every text column of every CSV a page offers, and each downloaded file is read back: the text is there, but no
cell starts with = + - @, a tab or a carriage return unless it is a plain number. The URLconf is walked too, so
a new CSV download cannot skip this test.
"""

import csv
import io
import re
from collections.abc import Callable

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from datadam.academy.models import Course
from datadam.accounts.models import Organization, User
from datadam.labeling import services as labeling
from datadam.office.models import DataProject
from datadam.pay import services as pay
from datadam.pay.selectors import Period
from datadam.review import services as review
from tests.conftest import Cast, client_for
from tests.office.conftest import DAY, programme  # noqa: F401  (the office's constructed programme fixture)
from tests.programmes.conftest import programme_cast_build, this_year

# One hostile start per text column, so a column that slips through is found whichever it is.
PROJECT = '=HYPERLINK("http://evil.example","보기")'
ORGANIZATION = "+cmd|' /C calc'!A0"
PERSON = "@SUM(1+1)*cmd|' /C calc'!A0"
USERNAME = "-2+3+cmd|' /C calc'!A0"
REASON = '=WEBSERVICE("http://evil.example")'
TITLE = "\t=1+1"
COURSE = "\r=1+1"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
MONTH = Period.current()

Route = tuple[User, str, list[str]]  # who downloads, the path, the hostile texts that must be in the file


def hostile_cast(cast: Cast) -> None:
    """A's project, A itself and the labeler renamed, then paid work: an accepted item and an adjustment."""
    cast.project.name, cast.project.rate_per_item = PROJECT, 120
    cast.project.save()
    Organization.objects.filter(id=cast.project.organization_id).update(name=ORGANIZATION)
    User.objects.filter(id=cast.labeler.id).update(display_name=PERSON, username=USERNAME)
    lease = labeling.assignment_lease_next(actor=cast.labeler, project=cast.project)
    annotation, _ = labeling.annotation_submit(
        actor=cast.labeler, assignment_id=lease.id, result={"sentiment": "positive"}
    )
    review.review_accept(actor=cast.reviewer, annotation_id=annotation.id)
    pay.ledger_adjust(
        actor=cast.manager, organization=cast.project.organization, worker=cast.labeler, amount=-20, reason=REASON
    )


def statement(cast: Cast, request: pytest.FixtureRequest) -> Route:
    hostile_cast(cast)
    return cast.labeler, f"/pay/statements/{MONTH}.csv", [PROJECT, REASON]


def payroll(cast: Cast, request: pytest.FixtureRequest) -> Route:
    hostile_cast(cast)
    return cast.manager, f"/pay/payroll/{cast.project.organization_id}/{MONTH}.csv", [USERNAME, PERSON]


def office_data_project(cast: Cast, request: pytest.FixtureRequest) -> Route:
    office = request.getfixturevalue("programme")
    DataProject.objects.filter(id=office.data_project.id).update(title=TITLE)
    return office.operator, f"/office/data-projects/{office.data_project.id}/figures.csv?on={DAY}", [TITLE]


def office_programme(cast: Cast, request: pytest.FixtureRequest) -> Route:
    office = request.getfixturevalue("programme")
    DataProject.objects.filter(id=office.data_project.id).update(title=TITLE)
    path = f"/office/programmes/{office.data_project.programme_id}/figures.csv?on={DAY}"
    return office.operator, path, [TITLE]


def dashboard(cast: Cast, request: pytest.FixtureRequest) -> Route:
    pcast = programme_cast_build(cast)
    Course.objects.filter(id=pcast.cohort.course_id).update(title_ko=COURSE, title_en=COURSE)
    query = "&".join(f"{key}={value}" for key, value in this_year().items())
    return pcast.operator, f"/dashboard/{pcast.programme.id}/figures.csv?{query}", [COURSE]


ROUTES: dict[str, Callable[[Cast, pytest.FixtureRequest], Route]] = {
    "pay:statement_csv": statement,
    "pay:payroll_csv": payroll,
    "office:csv": office_data_project,
    "office:programme_csv": office_programme,
    "programmes:figures_csv": dashboard,
}


def csv_routes(resolver: URLResolver | None = None, namespace: str = "") -> set[str]:
    """The names of every URL whose path ends in .csv, found by walking the whole URLconf."""
    found = set()
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            found |= csv_routes(entry, inner)
        elif isinstance(entry, URLPattern) and str(entry.pattern).endswith(".csv"):
            found.add(f"{namespace}{entry.name}")
    return found


def test_every_csv_a_page_offers_is_walked_below() -> None:
    assert csv_routes() == set(ROUTES)


@pytest.mark.parametrize("route", ROUTES)
def test_a_hostile_name_in_a_downloaded_csv_is_text_never_a_formula(
    cast: Cast, request: pytest.FixtureRequest, route: str
) -> None:
    user, path, planted = ROUTES[route](cast, request)

    response = client_for(user).get(path)

    body = response.content.decode("utf-8")
    assert response.status_code == 200 and response["Content-Type"] == "text/csv; charset=utf-8"
    assert body.startswith("\ufeff")
    cells = [cell for row in csv.reader(io.StringIO(body.removeprefix("\ufeff"))) for cell in row]
    formulas = [cell for cell in cells if cell.startswith(FORMULA_START) and not NUMBER.fullmatch(cell)]
    assert formulas == []
    for text in planted:
        assert any(text in cell for cell in cells), f"{text!r} is missing from {path}"
