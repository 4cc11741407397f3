"""The demo programme office tells a story: four data projects, one behind on direct hiring."""

from django.utils import timezone

from datadam.demo.loader import demo_load
from datadam.office import commitments
from datadam.office.models import DataProject


def test_the_demo_has_four_data_projects_and_one_is_behind_on_direct_hires(db) -> None:
    demo_load()

    lights = {
        data_project.title: commitments.direct_hires_on(data_project, timezone.localdate()).status
        for data_project in DataProject.objects.all()
    }

    assert len(lights) == 4
    assert lights["보행 안전 이미지 데이터"] == "red"
    assert sorted(lights.values()) == ["green", "green", "green", "red"]
