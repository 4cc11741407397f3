"""The programme dashboard: only the programme's operators see it (A's manager operates A's programme here)."""

from datadam.programmes import services
from tests.conftest import Cast
from tests.security.shapes import ObjectsOfA


def objects_of_a(cast: Cast, a: ObjectsOfA) -> None:
    programme = services.programme_create(
        name="A의 비밀 프로그램", organizations=[cast.project.organization], operators=[cast.manager]
    )
    a.ids.setdefault("programme_id", programme.id)  # the office module may have put one of A's programmes there
    a.secrets.append(programme.name)
