"""The programme office: A's manager operates a programme of A's own with one data project that only A runs."""

from datetime import date

from datadam.office import services as office
from datadam.programmes.services import programme_create
from tests.conftest import Cast
from tests.security.shapes import ObjectsOfA

SECRET_TITLE = "A의 비밀 데이터 과제"


def objects_of_a(cast: Cast, a: ObjectsOfA) -> None:
    organization = cast.project.organization
    programme = programme_create(name="A의 비밀 사업", organizations=[organization], operators=[cast.manager])
    plan = office.Plan(
        title=SECRET_TITLE,
        category="free",
        field="safety",
        budget=100_000_000,
        starts_on=date(2026, 1, 1),
        ends_on=date(2026, 12, 31),
        direct_hires_promised=3,
        crowd_share_promised=50,
    )
    data_project = office.data_project_register(
        actor=cast.manager,
        programme=programme,
        plan=plan,
        members=[(organization, "executing")],
        deliveries=[office.Delivery("A의 비밀 데이터셋", 100, date(2026, 6, 30))],
        projects=[cast.project],
    )
    a.ids.setdefault("programme_id", programme.id)
    a.ids["data_project_id"] = data_project.id
    a.secrets += [SECRET_TITLE, "A의 비밀 데이터셋"]
