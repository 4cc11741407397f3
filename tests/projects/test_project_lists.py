"""Hidden projects (a course's practice and evaluation items) stay off every list, but their staff still reach them."""

from datadam.projects.models import Project
from tests import factories
from tests.conftest import client_for


def test_a_hidden_open_project_is_on_no_list_but_its_staff_can_open_it(cast) -> None:
    hidden = factories.ProjectFactory(
        organization=cast.project.organization, name="과정 연습 문항", join_policy=Project.JoinPolicy.OPEN, hidden=True
    )

    staff_list = client_for(cast.manager).get("/projects/").content.decode()
    newcomer_list = client_for(cast.outsider).get("/projects/").content.decode()
    api_list = client_for(cast.manager).get("/api/v1/projects").json()["items"]

    assert hidden.name not in staff_list and hidden.name not in newcomer_list
    assert hidden.id not in [row["id"] for row in api_list]
    assert client_for(cast.manager).get(f"/projects/{hidden.id}/").status_code == 200
