"""The demo programme: one organization, a Korean sentiment project with 2,000 real reviews, and people.

Everything goes through the same services a person would use, so the demo also exercises them.
"""

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from importlib.util import find_spec
from pathlib import Path

from django.apps import apps
from django.core.files.base import ContentFile
from django.db import transaction

from datadam.accounts import services as accounts
from datadam.accounts.models import Organization, User
from datadam.projects import services as projects
from datadam.projects.imports import services as imports
from datadam.projects.models import Project, ProjectMembership

DATA_FILE = Path(__file__).parent / "data" / "nsmc_reviews_2000.tsv"
DEMO_PASSWORD = "datadam-demo"
PROJECT_NAME = "영화 리뷰 감성 분류"
PEOPLE = [
    ("manager", "김매니저", "manager"),
    ("reviewer", "이검수", "reviewer"),
    ("labeler1", "박라벨", "labeler"),
    ("labeler2", "최라벨", "labeler"),
    ("labeler3", "정라벨", "labeler"),
]
SCHEMA = {
    "controls": [
        {
            "type": "choices",
            "name": "sentiment",
            "title": "이 리뷰의 감성은? (Sentiment)",
            "labels": [
                {"value": "positive", "text": "긍정 (positive)", "hotkey": "1"},
                {"value": "negative", "text": "부정 (negative)", "hotkey": "2"},
            ],
        }
    ]
}
GUIDELINE = """## 작업 안내 (Guideline)

리뷰를 읽고 글쓴이가 영화를 **좋게** 평가했으면 *긍정*, **나쁘게** 평가했으면 *부정*을 고르세요.

- 숫자 키 `1` = 긍정, `2` = 부정, `Enter` = 제출
- 판단이 어려우면 글 전체의 분위기를 보세요. 정말 모르겠으면 "건너뛰기"를 누르세요.

Read the review. Pick *positive* if the writer liked the film, *negative* if not.
"""


@dataclass(frozen=True)
class DemoCore:
    """What every app's demo part builds on: the demo organization, its sentiment project and its people."""

    organization: Organization
    project: Project
    people: dict[str, User]


def demo_load() -> Project:
    """The core demo, then each app's part (a `demo.py` with `demo_load_part(core)`). Idempotent."""
    project = _core_project_load()
    people = {username: User.objects.get(username=username) for username, _name, _role in PEOPLE}
    core = DemoCore(organization=project.organization, project=project, people=people)
    for load_part in _app_demo_parts():
        load_part(core)
    return project


def _app_demo_parts() -> list[Callable[[DemoCore], None]]:
    """Each Datadam app's demo part, in INSTALLED_APPS order (an app that builds on another comes after it)."""
    parts = []
    for config in apps.get_app_configs():
        module_name = f"{config.name}.demo"
        if config.name.startswith("datadam.") and config.name != "datadam.demo" and find_spec(module_name):
            parts.append(import_module(module_name).demo_load_part)
    return parts


def _core_project_load() -> Project:
    """Idempotent: a second run finds the demo and changes nothing."""
    existing = Project.objects.filter(name=PROJECT_NAME).first()
    if existing:
        return existing
    with transaction.atomic():
        people = {username: _person(username, name) for username, name, _role in PEOPLE}
        organization = accounts.organization_create(
            name="데이터댐 시범기관", owner=people["manager"], kind=Organization.Kind.EXECUTING
        )
        project = projects.project_create(
            actor=people["manager"],
            organization=organization,
            name=PROJECT_NAME,
            schema=SCHEMA,
            description="네이버 영화 리뷰 2,000건의 감성(긍정/부정)을 분류합니다. Classify 2,000 Korean movie reviews.",
            guideline=GUIDELINE,
            default_overlap=1,
            rate_per_item=40,
            rate_per_review=10,
        )
        for username, _name, role in PEOPLE:
            if role in ProjectMembership.Role.values:
                projects.project_member_add(actor=people["manager"], project=project, user=people[username], role=role)
    batch = imports.import_batch_create(
        actor=people["manager"],
        project=project,
        upload=ContentFile(_reviews_csv(), name="nsmc_reviews.csv"),
        file_name="nsmc_reviews.csv",
    )
    imports.import_batch_raise_if_failed(imports.import_batch_run(batch_id=batch.id))
    return project


def _person(username: str, display_name: str) -> User:
    return accounts.user_signup(username=username, password=DEMO_PASSWORD, display_name=display_name)


def _reviews_csv() -> bytes:
    """Only id, text and movie id: the star rating and label are answers, not shown to labelers."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["id", "text", "movie_id"])
    with DATA_FILE.open(encoding="utf-8", newline="") as source:
        for row in csv.DictReader(source, delimiter="\t"):
            writer.writerow([row["id"], row["document"], row["movie_id"]])
    return out.getvalue().encode("utf-8")


def demo_logins() -> list[tuple[str, str, str]]:
    """(username, password, role) for the core people, then any an app's demo part lists in DEMO_LOGINS."""
    logins = [(username, DEMO_PASSWORD, role) for username, _name, role in PEOPLE]
    for config in apps.get_app_configs():
        module_name = f"{config.name}.demo"
        if config.name.startswith("datadam.") and config.name != "datadam.demo" and find_spec(module_name):
            logins += getattr(import_module(module_name), "DEMO_LOGINS", [])
    return logins
