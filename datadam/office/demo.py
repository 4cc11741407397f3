"""The demo programme office: four funded data projects of the demo organizations, one of them behind on its
direct-hire commitment (4 people where a 400-million-won budget asks for 10)."""

from datetime import date

from datadam.accounts import services as accounts
from datadam.accounts.models import Organization
from datadam.demo.loader import PROJECT_NAME, DemoCore
from datadam.media.demo import BOXES, NER, TRANSCRIPTS
from datadam.office import services as office
from datadam.office.models import DataProject
from datadam.programmes.models import Programme
from datadam.programmes.services import programme_create
from datadam.projects.models import Project

PROGRAMME = "2026 데이터댐 시범 사업"
PARTNERS = [("한빛 크라우드", Organization.Kind.CROWDSOURCING), ("새싹 데이터 교육원", Organization.Kind.TRAINING)]
# title, category, field, budget, hires promised, hires recorded, crowd share promised, linked project, data set
DATA_PROJECTS = [
    ("영화 리뷰 감성 말뭉치", "designated", "문화", 250_000_000, 6, 6, 70, PROJECT_NAME, 2000),
    ("보행 안전 이미지 데이터", "regional", "안전", 400_000_000, 10, 4, 60, BOXES, 500),
    ("한국어 개체명 말뭉치", "free", "언어", 150_000_000, 4, 4, 60, NER, 1000),
    ("낭독 음성 전사 데이터", "programme", "음성", 200_000_000, 5, 5, 50, TRANSCRIPTS, 300),
]
DEMO_NAMES = ["김민준", "이서연", "박도윤", "최하은", "정시우", "강지아"]


def demo_load_part(core: DemoCore) -> None:
    if DataProject.objects.filter(title=DATA_PROJECTS[0][0]).exists():
        return
    manager = core.people["manager"]
    partners = [_organization(name, kind, manager) for name, kind in PARTNERS]
    programme = Programme.objects.filter(organizations=core.organization).first() or programme_create(
        name=PROGRAMME, organizations=[core.organization, *partners], operators=[manager]
    )
    programme.operators.add(manager)
    programme.organizations.add(core.organization, *partners)
    for row in DATA_PROJECTS:
        _data_project(core, programme, partners, *row)


def _organization(name: str, kind: str, owner) -> Organization:
    return Organization.objects.filter(name=name).first() or accounts.organization_create(
        name=name, owner=owner, kind=kind
    )


def _data_project(core, programme, partners, title, category, field, budget, promised, hired, share, project, items):
    plan = office.Plan(
        title=title,
        category=category,
        field=field,
        budget=budget,
        starts_on=date(2026, 3, 1),
        ends_on=date(2026, 12, 31),
        direct_hires_promised=promised,
        crowd_share_promised=share,
    )
    linked = list(Project.objects.filter(organization=core.organization, name=project))
    data_project = office.data_project_register(
        actor=core.people["manager"],
        programme=programme,
        plan=plan,
        members=[(core.organization, "executing"), (partners[0], "crowdsourcing"), (partners[1], "training")],
        deliveries=[
            office.Delivery(f"{title} 1차", items // 2, date(2026, 8, 31)),
            office.Delivery(f"{title} 2차", items - items // 2, date(2026, 12, 15)),
        ],
        projects=linked,
    )
    for number in range(hired):
        office.hire_record(
            actor=core.people["manager"],
            data_project=data_project,
            organization_id=core.organization.id,
            person_name=DEMO_NAMES[number % len(DEMO_NAMES)],
            person_reference=f"D{data_project.id}-{number + 1:02d}",
            started_on=date(2026, 3 + number % 3, 1),
        )
