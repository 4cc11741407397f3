"""The academy's demo: a Korean course built from the NSMC review slice, three cohorts, trainees at every stage,
and a project that only qualified labelers may join; an image course (boxes on photos) and a speech course
(segments with transcripts), on the photos and recordings the media demo vendors. Everything goes through the
services. Idempotent."""

import csv
import datetime
import io
from pathlib import Path

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from datadam.academy.models import Cohort, Course, CourseItem, Enrolment
from datadam.academy.services import cohorts, courses, learning, qualifications
from datadam.accounts import services as accounts
from datadam.accounts.models import User
from datadam.demo.loader import DEMO_PASSWORD, SCHEMA, DemoCore
from datadam.media.demo import DATA as MEDIA_DATA
from datadam.media.models import MediaFile
from datadam.projects import services as projects
from datadam.projects.imports import services as imports
from datadam.projects.models import Project

DATA_FILE = Path(__file__).resolve().parent.parent / "demo" / "data" / "nsmc_reviews_2000.tsv"
COURSE_TITLE = "텍스트 데이터 라벨링 기초"
QUALIFIED_PROJECT = "영화 리뷰 감성 분류 2단계 (수료자 전용)"
DEMO_LOGINS = [("trainee1", DEMO_PASSWORD, "trainee")]
TRAINEES = [
    ("trainee1", "한교육"),  # enrolled in cohort 2, nothing done yet: the demo login
    ("trainee2", "서지원"),  # applied to cohort 3 (chosen by review)
    ("trainee3", "오대기"),  # on cohort 2's waiting list
    ("trainee4", "윤학습"),  # enrolled in cohort 2, halfway through
    ("trainee5", "장수강"),  # enrolled in cohort 2
    ("trainee6", "임라벨"),  # cohort 1, completed: qualified labeler
    ("trainee7", "강검수"),  # cohort 1, completed with a top score: qualified reviewer
]
LESSONS = [
    (
        "데이터 라벨링이란",
        "What data labeling is",
        "## 데이터 라벨링이란\n\nAI는 사람이 붙인 **정답(라벨)** 으로 배웁니다. 여러분이 고른 라벨 하나하나가 "
        "학습 데이터가 됩니다.\n\n- 원천데이터: 리뷰 한 줄\n- 라벨링데이터: 그 리뷰의 감성(긍정/부정)",
        "## What data labeling is\n\nAI learns from the **answers (labels)** people give. Every label you pick "
        "becomes training data.\n\n- Raw data: one review\n- Label data: its sentiment (positive/negative)",
    ),
    (
        "감성 분류 가이드라인",
        "The sentiment guideline",
        '## 감성 분류 가이드라인\n\n1. 글 전체의 분위기를 봅니다.\n2. 반어("참 잘~했다")에 주의합니다.\n'
        "3. 별점이 아니라 **글**로 판단합니다.\n\n"
        "| 예 | 라벨 |\n|---|---|\n| 최고의 영화 | 긍정 |\n| 시간 아깝다 | 부정 |",
        "## The sentiment guideline\n\n1. Read the whole review.\n2. Watch for irony.\n3. Judge by the **words**, "
        "not the stars.\n\n| Example | Label |\n|---|---|\n| Best film ever | positive |\n| Waste of time | negative |",
    ),
    (
        "검수자가 보는 것",
        "What a reviewer checks",
        "## 검수자가 보는 것\n\n검수자(reviewer)는 라벨이 가이드라인을 따랐는지 확인하고, 틀리면 이유와 함께 "
        "반려합니다. 평가 점수가 높으면 검수자 자격도 받습니다.",
        "## What a reviewer checks\n\nA reviewer checks that labels follow the guideline and rejects wrong ones "
        "with a reason. A high evaluation score also makes you a reviewer.",
    ),
]


def _reviews() -> list[dict]:
    with DATA_FILE.open(encoding="utf-8", newline="") as source:
        return list(csv.DictReader(source, delimiter="\t"))


def _label(row: dict) -> str:
    return "positive" if row["label"] == "1" else "negative"


# Why each practice review has its label, from its own words: the trainee sees the review, never its stars.
PRACTICE_WHY = {
    "2503467": (
        "‘예쁘고, 분위기 좋고, 색감 좋은’처럼 좋게 말하는 표현이 이어집니다. 긍정입니다.",
        "“Pretty, nice mood, lovely colours”: every phrase praises it. Positive.",
    ),
    "646173": (
        "‘정말 최고의 영화’, ‘연출력이 놀라울 뿐’ — 칭찬하는 글입니다. 긍정입니다.",
        "“Truly the best film”, “the directing is simply amazing”: praise. Positive.",
    ),
    "8344502": (
        "‘보지마삼’, ‘손발이 오그라들고’ — 보지 말라고 말리는 글입니다. 부정입니다.",
        "“Don't watch it”, “makes you cringe”: the writer warns you off. Negative.",
    ),
    "10218400": (
        "‘100만배는 더 재밌는’ — 다른 작품보다 훨씬 재미있다는 칭찬입니다. 긍정입니다.",
        "“A million times more fun”: high praise. Positive.",
    ),
    "2793073": (
        "‘발연기’는 연기를 못한다고 깎아내리는 말입니다. 부정입니다.",
        "“Wooden acting” (발연기) puts the actors down. Negative.",
    ),
}


def _review_data(row: dict) -> dict:
    """The review as the corpus has it: the text the trainee reads, and its star rating, which no page shows."""
    return {"text": row["document"], "rating": int(row["rating"])}


def demo_load_part(core: DemoCore) -> None:
    _media_courses_load(core)
    if Course.objects.filter(title_ko=COURSE_TITLE).exists():
        return
    manager = core.people["manager"]
    with transaction.atomic():
        course = _course_load(manager, core)
        people = {username: _person(username, name) for username, name in TRAINEES}
        cohort1, cohort2, cohort3 = _cohorts_load(manager, course)
        _trainees_load(manager, course, people, cohort1, cohort2, cohort3)
    _qualified_project_load(manager, core)


def _person(username: str, name: str) -> User:
    existing = User.objects.filter(username=username).first()
    return existing or accounts.user_signup(username=username, password=DEMO_PASSWORD, display_name=name)


def _course_load(manager: User, core: DemoCore) -> Course:
    course = courses.course_create(
        actor=manager,
        organization=core.organization,
        title_ko=COURSE_TITLE,
        title_en="Text data labeling basics",
        description_ko="영화 리뷰로 감성 분류 라벨링을 배우는 과정입니다. 수료하면 텍스트 라벨러 자격을 받습니다.",
        description_en="A course on sentiment labeling with movie reviews. Passing makes you a text labeler.",
        schema=SCHEMA,
        data_types=["text"],
        labeler_threshold=0.7,
        reviewer_threshold=0.9,
        evaluation_size=10,
        time_limit_minutes=20,
        max_attempts=3,
        cooldown_minutes=60,
    )
    for title_ko, title_en, body_ko, body_en in LESSONS:
        courses.lesson_create(
            actor=manager, course=course, title_ko=title_ko, title_en=title_en, body_ko=body_ko, body_en=body_en
        )
    rows = _reviews()
    short = [row for row in rows if 8 <= len(row["document"]) <= 80]
    for row in short[-5:]:
        explanation_ko, explanation_en = PRACTICE_WHY[row["id"]]
        courses.course_item_add(
            actor=manager,
            course=course,
            data=_review_data(row),
            gold={"sentiment": _label(row)},
            use=CourseItem.Use.PRACTICE,
            explanation_ko=explanation_ko,
            explanation_en=explanation_en,
        )
    for row in short[-15:-5]:
        courses.course_item_add(
            actor=manager,
            course=course,
            data=_review_data(row),
            gold={"sentiment": _label(row)},
            use=CourseItem.Use.EVALUATION,
        )
    return course


def _cohorts_load(manager: User, course: Course) -> tuple[Cohort, Cohort, Cohort]:
    now, today = timezone.now(), timezone.localdate()
    agreement = qualifications.agreement_publish(
        actor=manager,
        organization=course.organization,
        key="academy",
        title="교육 참여 약관 (Training agreement)",
        text_ko="교육 과정에 성실히 참여하고, 교육 자료를 외부에 공유하지 않습니다.",
        text_en="I take part in the course in good faith and do not share the course materials.",
    )
    common = {"actor": manager, "course": course, "agreement": agreement, "teaching_organization": "대구 디지털 교육원"}
    window = {"enrol_opens_at": now - datetime.timedelta(days=2), "enrol_closes_at": now + datetime.timedelta(days=12)}
    cohort1 = cohorts.cohort_create(
        **common,
        **window,
        number=1,
        mode=Cohort.Mode.CLASSROOM,
        venue="대구 디지털 교육원 3층 강의실",
        timetable="화·목 19:00–21:00 (4회)",
        sessions=4,
        required_attendance=3,
        starts_on=today - datetime.timedelta(days=30),
        ends_on=today - datetime.timedelta(days=14),
        seats=20,
    )
    cohort2 = cohorts.cohort_create(
        **common,
        **window,
        number=2,
        mode=Cohort.Mode.ONLINE,
        timetable="자유 수강 (Self-paced)",
        starts_on=today,
        ends_on=today + datetime.timedelta(days=28),
        seats=3,
    )
    cohort3 = cohorts.cohort_create(
        **common,
        **window,
        number=3,
        mode=Cohort.Mode.ONLINE,
        selection=Cohort.Selection.REVIEW,
        eligibility_questions=["거주 지역 (Where do you live?)", "컴퓨터 사용 경험 (Computer experience)"],
        starts_on=today + datetime.timedelta(days=14),
        ends_on=today + datetime.timedelta(days=42),
        seats=25,
    )
    return cohort1, cohort2, cohort3


def _trainees_load(manager: User, course: Course, people: dict, cohort1: Cohort, cohort2: Cohort, cohort3: Cohort):
    def apply(username: str, cohort: Cohort, **extra: object) -> Enrolment:
        return cohorts.cohort_apply(actor=people[username], cohort=cohort, agreement_accepted=True, **extra)[0]

    for username in ("trainee1", "trainee4", "trainee5", "trainee3"):
        apply(username, cohort2)
    answers = {"거주 지역 (Where do you live?)": "대구 수성구", "컴퓨터 사용 경험 (Computer experience)": "조금"}
    apply("trainee2", cohort3, answers=answers, consent=True)
    for lesson in course.lessons.all()[:2]:
        learning.lesson_complete(actor=people["trainee4"], lesson=lesson)
    for username, right in (("trainee6", 8), ("trainee7", 10)):
        enrolment = apply(username, cohort1)
        for session in (1, 2, 3, 4):
            cohorts.attendance_record(actor=manager, enrolment=enrolment, session=session, present=session != 4)
        attempt = learning.evaluation_start(actor=people[username], course=course)
        items = CourseItem.objects.in_bulk(attempt.item_ids)
        answers = {}
        for index, item_id in enumerate(attempt.item_ids):
            gold = items[item_id].gold["sentiment"]
            answers[str(item_id)] = {"sentiment": gold if index < right else _other(gold)}
        learning.evaluation_submit(actor=people[username], attempt=attempt, answers=answers)
    # Cohort 1 ran last month: its application window is over.
    past = timezone.now() - datetime.timedelta(days=40)
    Cohort.objects.filter(id=cohort1.id).update(enrol_opens_at=past, enrol_closes_at=past + datetime.timedelta(days=7))


def _other(label: str) -> str:
    return "negative" if label == "positive" else "positive"


def _qualified_project_load(manager: User, core: DemoCore) -> None:
    """A project only qualified text labelers may join, with its own participation agreement."""
    project = projects.project_create(
        actor=manager,
        organization=core.organization,
        name=QUALIFIED_PROJECT,
        schema=SCHEMA,
        description="텍스트 라벨러 자격이 있는 분만 참여할 수 있습니다. Open to qualified text labelers.",
        guideline=core.project.guideline,
        join_policy=Project.JoinPolicy.OPEN,
        rate_per_item=30,
    )
    agreement = qualifications.agreement_publish(
        actor=manager,
        organization=core.organization,
        key="work",
        title="작업 참여 약관 (Work agreement)",
        text_ko="작업 데이터를 외부에 공유하지 않으며, 가이드라인에 따라 성실히 라벨링합니다.",
        text_en="I keep the work data private and label carefully by the guideline.",
    )
    qualifications.requirement_set(actor=manager, project=project, data_type="text", agreement=agreement)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["id", "text"])
    for row in _reviews()[1000:1050]:
        writer.writerow([row["id"], row["document"]])
    batch = imports.import_batch_create(
        actor=manager,
        project=project,
        upload=ContentFile(out.getvalue().encode("utf-8"), name="reviews_stage2.csv"),
        file_name="reviews_stage2.csv",
    )
    imports.import_batch_raise_if_failed(imports.import_batch_run(batch_id=batch.id))


IMAGE_COURSE = "사진 속 물체 상자 그리기 기초"
SPEECH_COURSE = "음성 구간 표시와 받아쓰기 기초"
IMAGE_SCHEMA = {
    "controls": [
        {
            "type": "boxes",
            "name": "objects",
            "title": "물체 (Objects)",
            "labels": [
                {"value": "cup", "text": "컵 (cup)", "hotkey": "1"},
                {"value": "person", "text": "사람 (person)", "hotkey": "2"},
                {"value": "cat", "text": "고양이 (cat)", "hotkey": "3"},
            ],
        }
    ]
}
# (photo of datadam/media/demo_data/images, its box drawn by hand, use)
PHOTOS = [
    ("coffee.png", {"x": 172, "y": 18, "width": 238, "height": 290, "label": "cup"}, "practice"),
    ("camera.png", {"x": 0, "y": 65, "width": 335, "height": 447, "label": "person"}, "practice"),
    ("chelsea.png", {"x": 0, "y": 0, "width": 410, "height": 300, "label": "cat"}, "evaluation"),
    ("coffee.png", {"x": 172, "y": 18, "width": 238, "height": 290, "label": "cup"}, "evaluation"),
    ("camera.png", {"x": 0, "y": 65, "width": 335, "height": 447, "label": "person"}, "evaluation"),
]
BOX_WHY_KO = "물체 전체를 빈틈없이 감싸는 상자가 정답입니다. 손잡이처럼 튀어나온 부분도 넣습니다."
BOX_WHY_EN = "The box fits the whole object tightly, handles and other parts that stick out included."
SPEECH_SCHEMA = {
    "controls": [
        {
            "type": "segments",
            "name": "transcript",
            "title": "받아쓰기 (Transcript)",
            "transcript": True,
            "labels": [{"value": "speech", "text": "말 (speech)", "hotkey": "1"}],
        }
    ]
}


def _media_courses_load(core: DemoCore) -> None:
    """An image course and a speech course, each with a self-paced cohort the demo trainee is enrolled in."""
    manager = core.people["manager"]
    if not Course.objects.filter(title_ko=IMAGE_COURSE).exists():
        with transaction.atomic():
            course = _media_course(manager, core, IMAGE_COURSE, "Boxes on photos", IMAGE_SCHEMA, "image")
            for name, box, use in PHOTOS:
                reference = _media(manager, course, MEDIA_DATA / "images" / name)
                courses.course_item_add(
                    actor=manager,
                    course=course,
                    data={"image": reference},
                    gold={"objects": [{"id": "b1", **box}]},
                    use=use,
                    explanation_ko=BOX_WHY_KO,
                    explanation_en=BOX_WHY_EN,
                )
            _enrol_demo_trainee(manager, course)
    if not Course.objects.filter(title_ko=SPEECH_COURSE).exists():
        with transaction.atomic():
            title_en = "Speech segments and transcripts"
            course = _media_course(manager, core, SPEECH_COURSE, title_en, SPEECH_SCHEMA, "audio")
            with (MEDIA_DATA / "ljspeech" / "metadata.tsv").open(encoding="utf-8") as handle:
                rows = list(csv.DictReader(handle, delimiter="\t"))
            for index, row in enumerate(rows):
                reference = _media(manager, course, MEDIA_DATA / "ljspeech" / f"{row['id']}.wav")
                duration = MediaFile.objects.get(id=int(reference.removeprefix("media:"))).duration
                segment = {"id": "g1", "start": 0.0, "end": duration, "label": "speech", "text": row["transcript"]}
                courses.course_item_add(
                    actor=manager,
                    course=course,
                    data={"audio": reference},
                    gold={"transcript": [segment]},
                    use=CourseItem.Use.PRACTICE if index == 0 else CourseItem.Use.EVALUATION,
                    explanation_ko="말소리 전체를 한 구간으로 잡고, 들리는 그대로 영어로 받아씁니다.",
                    explanation_en="One segment covers all the speech; type exactly what you hear.",
                )
            _enrol_demo_trainee(manager, course)


def _media_course(manager: User, core: DemoCore, title_ko: str, title_en: str, schema: dict, data_type: str) -> Course:
    course = courses.course_create(
        actor=manager,
        organization=core.organization,
        title_ko=title_ko,
        title_en=title_en,
        description_ko="라벨링 화면과 같은 도구로 연습하고 평가를 봅니다. "
        "자료: scikit-image 사진(CC0), LJ Speech(퍼블릭 도메인).",
        description_en="Practise and take the evaluation with the labeling page's own tools. "
        "Data: scikit-image photos (CC0), LJ Speech (public domain).",
        schema=schema,
        data_types=[data_type],
        labeler_threshold=0.7,
        reviewer_threshold=0.9,
        evaluation_size=3,
    )
    courses.lesson_create(
        actor=manager,
        course=course,
        title_ko="도구 사용법",
        title_en="Using the tools",
        body_ko="마우스로 끌어서 그리거나, 키보드로 '가운데에 추가'를 누른 뒤 숫자 칸으로 위치를 맞춥니다.",
        body_en="Drag with the mouse, or press 'add in the middle' and set the position in the number fields.",
    )
    return course


def _media(manager: User, course: Course, path: Path) -> str:
    with path.open("rb") as stream:
        return courses.course_media_add(actor=manager, course=course, name=path.name, stream=stream)


def _enrol_demo_trainee(manager: User, course: Course) -> None:
    now, today = timezone.now(), timezone.localdate()
    cohort = cohorts.cohort_create(
        actor=manager,
        course=course,
        number=1,
        mode=Cohort.Mode.ONLINE,
        timetable="자유 수강 (Self-paced)",
        enrol_opens_at=now - datetime.timedelta(days=2),
        enrol_closes_at=now + datetime.timedelta(days=30),
        starts_on=today,
        ends_on=today + datetime.timedelta(days=60),
        seats=30,
    )
    cohorts.cohort_apply(actor=_person(*TRAINEES[0]), cohort=cohort)
