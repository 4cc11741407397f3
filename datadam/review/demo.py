"""Demo part: a second, small sentiment project inspected in two stages. The reviewer inspects first (1차 검수)
and a senior reviewer second (2차 검수); some work waits for the senior, and one accepted piece was sent back by
the senior, so the labeler sees the reason and the reversal on their statement."""

import csv
import io

from django.core.files.base import ContentFile
from django.db import transaction

from datadam.accounts import services as accounts
from datadam.demo.loader import DATA_FILE, DEMO_PASSWORD, GUIDELINE, SCHEMA, DemoCore
from datadam.labeling import services as labeling
from datadam.projects import services as projects
from datadam.projects.imports import services as imports
from datadam.projects.models import Project, ProjectMembership
from datadam.review import services as review
from datadam.review.stage_settings import StageSpec, inspection_stages_set

PROJECT_NAME = "2단계 검수 시범: 영화 리뷰"
ITEMS = range(1100, 1130)  # rows of the review file no other demo part uses
LABELED, PASSED_FIRST = 8, 6
DEMO_LOGINS = [("senior", DEMO_PASSWORD, "senior reviewer")]
SECOND_STAGE = StageSpec(
    name="2차 검수",
    role=ProjectMembership.Role.SENIOR_REVIEWER,
    reasons=["1차 검수에서 놓친 오류 (missed at the first stage)", "감성이 반대입니다 (opposite sentiment)"],
    rate_per_review=15,
)


def _rows() -> tuple[bytes, dict[str, str]]:
    """The CSV to import and each row's true answer."""
    out, answers = io.StringIO(), {}
    writer = csv.writer(out)
    writer.writerow(["id", "text"])
    with DATA_FILE.open(encoding="utf-8", newline="") as source:
        for index, row in enumerate(csv.DictReader(source, delimiter="\t")):
            if index in ITEMS:
                writer.writerow([row["id"], row["document"]])
                answers[row["id"]] = "positive" if row["label"] == "1" else "negative"
    return out.getvalue().encode("utf-8"), answers


def _project(core: DemoCore, senior) -> Project:
    manager = core.people["manager"]
    project = projects.project_create(
        actor=manager,
        organization=core.organization,
        name=PROJECT_NAME,
        schema=SCHEMA,
        description="두 단계로 검수하는 시범 프로젝트입니다. A demo project inspected in two stages.",
        guideline=GUIDELINE,
        default_overlap=1,
        rate_per_item=40,
        rate_per_review=10,
    )
    members = [("reviewer", "reviewer"), ("labeler1", "labeler"), ("labeler2", "labeler")]
    for username, role in members:
        projects.project_member_add(actor=manager, project=project, user=core.people[username], role=role)
    projects.project_member_add(actor=manager, project=project, user=senior, role="senior_reviewer")
    inspection_stages_set(actor=manager, project=project, later=[SECOND_STAGE], overturn_pay="reverse")
    return project


def demo_load_part(core: DemoCore) -> None:
    if Project.objects.filter(name=PROJECT_NAME).exists():
        return
    upload, answers = _rows()
    with transaction.atomic():
        senior = accounts.user_signup(username="senior", password=DEMO_PASSWORD, display_name="윤선임")
        project = _project(core, senior)
    batch = imports.import_batch_create(
        actor=core.people["manager"], project=project, upload=ContentFile(upload, name="two_stages.csv"),
        file_name="two_stages.csv",
    )  # fmt: skip
    imports.import_batch_raise_if_failed(imports.import_batch_run(batch_id=batch.id))
    labeler, reviewer = core.people["labeler1"], core.people["reviewer"]
    with transaction.atomic():
        pieces = []
        for _ in range(LABELED):
            lease = labeling.assignment_lease_next(actor=labeler, project=project)
            answer = answers.get(lease.item.external_id, "positive")
            pieces.append(
                labeling.annotation_submit(actor=labeler, assignment_id=lease.id, result={"sentiment": answer})[0]
            )
        for piece in pieces[:PASSED_FIRST]:
            review.review_accept(actor=reviewer, annotation_id=piece.id)
        review.review_reject(actor=senior, annotation_id=pieces[0].id, reason=SECOND_STAGE.reasons[0])
