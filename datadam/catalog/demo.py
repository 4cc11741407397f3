"""Demo part: the first 40 movie reviews labeled (the data set's own answers) and reviewed, released as
v1.0.0, signed off by an independent verifier and published in the catalog with a datasheet."""

import csv

from django.db import transaction

from datadam.accounts import services as accounts
from datadam.catalog import services
from datadam.demo.loader import DATA_FILE, DEMO_PASSWORD, DemoCore
from datadam.labeling import services as labeling
from datadam.releases import services as releases
from datadam.releases.models import Release, Verifier
from datadam.review import services as review

LABELED = 40
DEMO_LOGINS = [("verifier", DEMO_PASSWORD, "verifier")]
DATASHEET = {
    "title_ko": "영화 리뷰 감성 말뭉치 (데모)",
    "title_en": "Movie review sentiment corpus (demo)",
    "domain": "문화·여가",
    "licence": "CC BY-NC-SA 2.0",
    "summary_ko": "네이버 영화 리뷰에 긍정·부정 감성을 단 한국어 말뭉치입니다.",
    "summary_en": "Korean movie reviews labeled positive or negative.",
    "motivation_ko": "한국어 감성 분석 모델을 학습하고 평가하기 위해 만들었습니다.",
    "motivation_en": "Made to train and evaluate Korean sentiment classifiers.",
    "composition_ko": "리뷰 한 건마다 원문 텍스트 파일 하나와 라벨 JSON 파일 하나가 있습니다.",
    "composition_en": "One raw text file and one JSON label file per review.",
    "collection_ko": "공개된 NSMC 리뷰를 가져와 시민 작업자가 라벨링하고 검수자가 검수했습니다.",
    "collection_en": "Public NSMC reviews, labeled by citizen workers and inspected by a reviewer.",
    "workforce_ko": "아카데미 기초 과정을 마친 작업자 3명이 건당 보수를 받았고, 시급으로 환산하면 최저임금 이상입니다.",
    "workforce_en": "Three workers who finished the academy's basic course, paid per item, above minimum wage.",
}


def _answers() -> dict[str, str]:
    with DATA_FILE.open(encoding="utf-8", newline="") as source:
        return {row["id"]: ("positive" if row["label"] == "1" else "negative")
                for row in csv.DictReader(source, delimiter="\t")}


def demo_load_part(core: DemoCore) -> None:
    if Release.objects.filter(project=core.project).exists():
        return
    manager, reviewer, labeler = core.people["manager"], core.people["reviewer"], core.people["labeler1"]
    answers = _answers()
    with transaction.atomic():
        for _ in range(LABELED):
            lease = labeling.assignment_lease_next(actor=labeler, project=core.project)
            if lease is None:
                break
            answer = answers.get(lease.item.external_id, "positive")
            annotation, _created = labeling.annotation_submit(
                actor=labeler, assignment_id=lease.id, result={"sentiment": answer}
            )
            review.review_accept(actor=reviewer, annotation_id=annotation.id)
        verifier = accounts.user_signup(username="verifier", password=DEMO_PASSWORD, display_name="한검증")
        Verifier.objects.get_or_create(user=verifier, organization=core.organization)
        services.dataset_update(actor=manager, project=core.project, **DATASHEET)
        notes = "첫 공개판: 리뷰 40건. First release: 40 reviews."
        release = releases.release_cut(actor=manager, project=core.project, version="v1.0.0", notes=notes)
    release = releases.release_build_run(release_id=release.id)
    reason = "데모용 소규모 배포판입니다. A small demo release." if release.report.get("below_target") else ""
    releases.release_sign_off(actor=verifier, release=release, override_reason=reason)
    releases.release_publish(actor=manager, release=release)
