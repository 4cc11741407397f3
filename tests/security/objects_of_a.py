"""What the isolation tests share: organization A's objects (the `a` fixture in conftest.py), the secrets only
A's people may see, and how an answer or the database is checked for them.

A month in a path (`period`, as in /pay/statements/2026-11/) is not an id: a path with nothing else is about the
caller's own account (their pay statement), and the tests fill in this month.
"""

import json
import re

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import HttpResponse
from django.test import Client
from django.utils import timezone

from datadam.accounts import services as account_services
from datadam.audit.models import AuditEvent
from datadam.labeling import services as labeling_services
from datadam.pay import services as pay_services
from datadam.projects.imports import services as imports
from datadam.projects.models import Project
from datadam.releases import services as release_services
from tests.conftest import Cast, client_for
from tests.security.contributions import contribution_modules, merged
from tests.security.public_routes import PUBLIC_ROUTES as CORE_PUBLIC_ROUTES
from tests.security.shapes import ObjectsOfA

PUBLIC_ROUTES = CORE_PUBLIC_ROUTES | merged("PUBLIC_ROUTES", {})
API_PARAM = re.compile(r"\{(\w+)\}")
PAGE_PARAM = re.compile(r"<(?:\w+:)?(\w+)>")
# Django's admin and language switch are not ours; the API is walked through its schema instead.
# metrics: for a Prometheus scraper, not a person; tests/metrics checks its token and address allowlist.
SKIPPED_PAGE_PREFIXES = ("admin/", "api/", "i18n/", "static/", "media/", "metrics")
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

PERSONAL_PARAMS = {"assignment_id", "token_id"} | merged("PERSONAL_PARAMS", set())


def objects_of_a_make(cast: Cast) -> ObjectsOfA:
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
