"""A labeling crew for the load tests: one project with items and an overlap, and labelers with API tokens."""

from dataclasses import dataclass

import pytest

from datadam.accounts import services as accounts
from datadam.projects.models import Project
from tests import factories

RESULTS = [{"sentiment": "positive"}, {"sentiment": "negative"}, {"sentiment": "positive", "note": "재밌어요"}]


@dataclass
class Crew:
    project: Project
    user_ids: list[int]
    tokens: list[str]


@pytest.fixture
def make_crew(transactional_db):
    def make(*, labelers: int, items: int, overlap: int, lease_seconds: int = 1800) -> Crew:
        project = factories.ProjectFactory()
        # Below the form's 60-second minimum on purpose: the clients wait leases out within the test.
        Project.objects.filter(id=project.id).update(lease_seconds=lease_seconds)
        project.refresh_from_db()
        factories.ItemFactory.create_batch(items, project=project, target_overlap=overlap)
        users = [factories.ProjectMembershipFactory(project=project).user for _ in range(labelers)]
        tokens = [accounts.token_create(user=user, name="load test")[1] for user in users]
        return Crew(project=project, user_ids=[user.id for user in users], tokens=tokens)

    return make
