"""Demo projects for text, image and speech: KLUE named entities with pre-labels, boxes on photos,
transcripts of read speech and spoken-digit classification. The data ships in demo_data/ (see its README)."""

import csv
import json
from pathlib import Path

from django.core.files.base import ContentFile, File

from datadam.demo.loader import DemoCore
from datadam.media import collect, imports
from datadam.media.models import MediaFile
from datadam.projects import services as projects
from datadam.projects.imports import services as text_imports
from datadam.projects.models import Item, Project, ProjectMembership

DATA = Path(__file__).parent / "demo_data"
PRELABELED_SENTENCES = 20
NER_TAGS = [
    ("PS", "사람 (PS, person)"),
    ("LC", "장소 (LC, location)"),
    ("OG", "기관 (OG, organization)"),
    ("DT", "날짜 (DT, date)"),
    ("TI", "시간 (TI, time)"),
    ("QT", "수량 (QT, quantity)"),
]
NER = "개체명 태깅 (KLUE NER)"
BOXES = "사진 속 물체 상자 그리기 (Boxes on photos)"
TRANSCRIPTS = "영어 낭독 받아쓰기 (LJ Speech transcripts)"
DIGITS = "숫자 음성 분류 (Spoken digits)"
COLLECTION = "우리말 문장 녹음 (Record Korean sentences)"
# Won per item, set by the length of the work: a sentence's entities, a photo's boxes, a clip typed out, a digit.
RATES_PER_ITEM = {NER: 60, BOXES: 50, TRANSCRIPTS: 150, DIGITS: 20}
RATE_PER_REVIEW = 10
COLLECTION_PROMPTS = [
    "오늘은 날씨가 맑고 따뜻합니다.",
    "버스는 오전 아홉 시에 출발합니다.",
    "도서관에서 책을 두 권 빌렸어요.",
    "내일 회의는 세 시로 미뤄졌습니다.",
    "시장에서 사과와 배를 샀습니다.",
]
CONSENT = (
    "제 목소리 녹음을 인공지능 학습 데이터로 쓰고 공개 데이터셋으로 배포하는 데 동의합니다. "
    "I agree that my recording is used as AI training data and released in a public data set."
)


def _labels(pairs: list[tuple[str, str]]) -> list[dict]:
    return [{"value": value, "text": text, "hotkey": str(n)} for n, (value, text) in enumerate(pairs, start=1)]


def demo_load_part(core: DemoCore) -> None:
    """Idempotent: a project that exists already is left as it is."""
    _ner_project(core)
    _boxes_project(core)
    _transcript_project(core)
    _digits_project(core)
    _collection(core)


def _project(core: DemoCore, name: str, data_type: str, schema: dict, description: str, guideline: str) -> Project:
    manager = core.people["manager"]
    project = projects.project_create(
        actor=manager,
        organization=core.organization,
        name=name,
        data_type=data_type,
        schema=schema,
        description=description,
        guideline=guideline,
        rate_per_item=RATES_PER_ITEM[name],
        rate_per_review=RATE_PER_REVIEW,
    )
    _members(core, project)
    return project


def _members(core: DemoCore, project: Project) -> None:
    for username, role in [
        ("labeler1", "labeler"),
        ("labeler2", "labeler"),
        ("labeler3", "labeler"),
        ("reviewer", "reviewer"),
    ]:
        projects.project_member_add(
            actor=core.people["manager"], project=project, user=core.people[username], role=ProjectMembership.Role(role)
        )


def _ner_project(core: DemoCore) -> None:
    if Project.objects.filter(organization=core.organization, name=NER).exists():
        return
    schema = {
        "controls": [
            {
                "type": "spans",
                "name": "entities",
                "title": "개체명 (Named entities)",
                "source": "text",
                "labels": _labels(NER_TAGS),
            }
        ]
    }
    project = _project(
        core,
        NER,
        Project.DataType.TEXT,
        schema,
        "KLUE 개체명 인식 1,000문장. 앞의 20문장에는 미리 채운 라벨이 있습니다. 1,000 Korean sentences; "
        "the first 20 come with pre-labels. Data: KLUE (CC BY-SA 4.0).",
        "사람, 장소, 기관, 날짜, 시간, 수량을 글자 단위로 표시하세요. Mark people, places, organizations, dates, "
        "times and quantities.",
    )
    rows = [json.loads(line) for line in (DATA / "klue_ner" / "klue-ner-v1.1_dev_first1000.spans.jsonl").open()]
    body = "".join(json.dumps({"id": row["id"], "text": row["text"]}, ensure_ascii=False) + "\n" for row in rows)
    manager = core.people["manager"]
    batch = text_imports.import_batch_create(
        actor=manager,
        project=project,
        upload=ContentFile(body.encode(), name="klue_ner.jsonl"),
        file_name="klue_ner.jsonl",
    )
    text_imports.import_batch_raise_if_failed(text_imports.import_batch_run(batch_id=batch.id))
    gold = {row["id"]: row["entities"] for row in rows[:PRELABELED_SENTENCES]}
    for item in Item.objects.filter(project=project, external_id__in=gold):
        spans = [{"id": f"s{n}", **entity} for n, entity in enumerate(gold[item.external_id], start=1)]
        item.prediction = {"result": {"entities": spans}, "source": "import", "confidence": None}
        item.save(update_fields=["prediction"])


def _media_import(core: DemoCore, project: Project, paths: list[Path]) -> None:
    """The demo's files go through the same import a manager's upload does, run here and now."""
    handles = [path.open("rb") for path in paths]
    try:
        uploads = [File(handle, name=path.name) for handle, path in zip(handles, paths, strict=True)]
        batch = imports.media_import_create_files(actor=core.people["manager"], project=project, uploads=uploads)
    finally:
        for handle in handles:
            handle.close()
    imports.media_import_run(batch_id=batch.id)


def _boxes_project(core: DemoCore) -> None:
    if Project.objects.filter(organization=core.organization, name=BOXES).exists():
        return
    labels = [
        ("cat", "고양이 (cat)"),
        ("cup", "컵 (cup)"),
        ("rocket", "로켓 (rocket)"),
        ("coin", "동전 (coin)"),
        ("person", "사람 (person)"),
    ]
    schema = {
        "controls": [
            {
                "type": "boxes",
                "name": "objects",
                "title": "물체 (Objects)",
                "source": "image",
                "labels": _labels(labels),
            }
        ]
    }
    project = _project(
        core,
        BOXES,
        Project.DataType.IMAGE,
        schema,
        "scikit-image의 사진 5장 (CC0, 퍼블릭 도메인). Five photos from scikit-image (CC0, public domain).",
        "사진 속 고양이, 컵, 로켓, 동전, 사람을 상자로 둘러싸세요. Draw a tight box around each object.",
    )
    _media_import(core, project, sorted((DATA / "images").iterdir()))


def _transcript_project(core: DemoCore) -> None:
    if Project.objects.filter(organization=core.organization, name=TRANSCRIPTS).exists():
        return
    schema = {
        "controls": [
            {
                "type": "segments",
                "name": "transcript",
                "title": "받아쓰기 (Transcript)",
                "source": "audio",
                "transcript": True,
                "labels": _labels([("speech", "말 (speech)")]),
            }
        ]
    }
    project = _project(
        core,
        TRANSCRIPTS,
        Project.DataType.AUDIO,
        schema,
        "LJ Speech 낭독 음성 4개 (퍼블릭 도메인). Four read-speech clips from LJ Speech (public domain).",
        "말하는 구간을 표시하고 들리는 대로 영어로 받아쓰세요. Mark the speech and type what you hear.",
    )
    _media_import(core, project, sorted((DATA / "ljspeech").glob("*.wav")))
    with (DATA / "ljspeech" / "metadata.tsv").open(encoding="utf-8") as handle:
        transcripts = {row["id"] + ".wav": row["transcript"] for row in csv.DictReader(handle, delimiter="\t")}
    first = Item.objects.filter(project=project, is_published=True).order_by("id").first()
    if first is not None:
        media = MediaFile.objects.get(id=int(first.data["audio"].removeprefix("media:")))
        segment = {
            "id": "g1",
            "start": 0.0,
            "end": media.duration,
            "label": "speech",
            "text": transcripts.get(first.data["file_name"], ""),
        }
        first.prediction = {"result": {"transcript": [segment]}, "source": "import", "confidence": None}
        first.save(update_fields=["prediction"])


def _digits_project(core: DemoCore) -> None:
    if Project.objects.filter(organization=core.organization, name=DIGITS).exists():
        return
    digits = [(str(n), f"{n}") for n in range(10)]
    schema = {
        "controls": [
            {
                "type": "choices",
                "name": "digit",
                "title": "들리는 숫자 (Digit you hear)",
                "labels": [{"value": value, "text": text, "hotkey": value} for value, text in digits],
            }
        ]
    }
    project = _project(
        core,
        DIGITS,
        Project.DataType.AUDIO,
        schema,
        "Free Spoken Digit Dataset의 영어 숫자 음성 40개 (CC BY-SA 4.0). 40 spoken English digits (CC BY-SA 4.0).",
        "들리는 숫자(0-9)를 고르세요. 숫자 키로 고를 수 있습니다. Pick the digit you hear; number keys work.",
    )
    paths = sorted((DATA / "fsdd").glob("*.wav"))
    _media_import(core, project, paths)
    for item in Item.objects.filter(project=project, is_published=True).order_by("id")[:5]:
        digit = item.data["file_name"].split("_")[0]
        item.prediction = {"result": {"digit": digit}, "source": "import", "confidence": None}
        item.save(update_fields=["prediction"])


def _collection(core: DemoCore) -> None:
    """A speech collection whose accepted recordings go to the transcript project."""
    if Project.objects.filter(organization=core.organization, name=COLLECTION).exists():
        return
    target = Project.objects.filter(organization=core.organization, name=TRANSCRIPTS).first()
    task = collect.collection_create(
        actor=core.people["manager"],
        organization=core.organization,
        name=COLLECTION,
        kind="audio",
        consent_text=CONSENT,
        prompts=COLLECTION_PROMPTS,
        target_project=target,
        max_seconds=15,
    )
    _members(core, task.project)
