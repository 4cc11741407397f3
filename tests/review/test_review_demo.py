"""The demo's two-stage project: the senior reviewer logs in to work waiting at the second stage, and the
labeler has one piece sent back by the senior with its reason and the pay taken back."""

from datadam.accounts.models import User
from datadam.demo.loader import PEOPLE, DemoCore, _core_project_load, demo_logins
from datadam.labeling.models import Annotation
from datadam.pay.models import LedgerEntry
from datadam.projects import stages
from datadam.projects.models import Project
from datadam.review import demo, services
from datadam.review.models import Review


def demo_core() -> DemoCore:
    """The core demo alone (organization, sentiment project, people), without the other apps' parts."""
    project = _core_project_load()
    people = {username: User.objects.get(username=username) for username, _name, _role in PEOPLE}
    return DemoCore(organization=project.organization, project=project, people=people)


def test_the_demo_has_a_two_stage_project_with_work_waiting_for_the_senior(db) -> None:
    core = demo_core()

    demo.demo_load_part(core)
    demo.demo_load_part(core)  # a second run changes nothing

    project = Project.objects.get(name=demo.PROJECT_NAME)
    assert [stage.position for stage in stages.stage_list(project)] == [1, 2]
    senior = Review.objects.get(stage=2).reviewer
    assert ("senior", "datadam-demo", "senior reviewer") in demo_logins()
    waiting = Annotation.objects.filter(project=project, status="submitted", stage=2).count()
    assert waiting == demo.PASSED_FIRST - 1
    assert services.review_claim_next(actor=senior, project=project) is not None
    reversal = LedgerEntry.objects.get(project=project, kind="reversal")
    assert reversal.reason == demo.SECOND_STAGE.reasons[0]
