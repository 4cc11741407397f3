"""A visitor reading a job chooses to create an account instead of logging in, and lands back on the job."""

import re

from django.test import Client
from django.urls import reverse

from datadam.jobs import services
from datadam.projects.models import Project
from tests import factories
from tests.accounts.test_user_signup import SIGNUP
from tests.conftest import Cast


def follow_link(client: Client, page: str, test_id: str) -> str:
    """The address of the link marked `test_id` on the page, as a visitor's browser would follow it."""
    html = client.get(page).content.decode()
    found = re.search(rf'<a href="([^"]+)"[^>]*data-testid="{test_id}"', html)
    assert found, f"{page} has no link {test_id}"
    return found.group(1).replace("&amp;", "&")


def test_a_visitor_signs_up_from_a_job_and_comes_back_to_it(cast: Cast) -> None:
    project = factories.ProjectFactory(
        organization=cast.project.organization, created_by=cast.manager, join_policy=Project.JoinPolicy.OPEN
    )
    services.posting_publish(actor=cast.manager, project=project, labeler_openings=5, location="어디서나")
    job = reverse("jobs:detail", args=[project.id])
    visitor = Client()

    login_page = follow_link(visitor, job, "job-log-in")
    signup_page = follow_link(visitor, login_page, "sign-up-instead")
    form = visitor.get(signup_page).content.decode().split('<form method="post" novalidate>')[1]
    carried = re.search(r'name="next" value="([^"]+)"', form).group(1)
    response = visitor.post(reverse("accounts:signup"), {**SIGNUP, "next": carried})

    assert response.status_code == 302 and response["Location"] == job
    assert f'action="{reverse("jobs:join", args=[project.id])}"' in visitor.get(job).content.decode()


def test_sign_up_never_sends_a_new_person_to_another_site(db) -> None:
    response = Client().post("/accounts/signup/?next=https://evil.example/", SIGNUP)

    assert response.status_code == 302 and response["Location"] == "/projects/"


def test_the_headers_sign_up_link_comes_back_to_the_page_it_was_on(db) -> None:
    page = Client().get(reverse("jobs:board")).content.decode()

    assert f'href="{reverse("accounts:signup")}?next={reverse("jobs:board")}" data-testid="nav-sign-up"' in page
