"""The academy's demo: a Korean course from the NSMC slice, three cohorts and trainees at every stage."""

from datadam.academy import selectors
from datadam.academy.demo import COURSE_TITLE, QUALIFIED_PROJECT, demo_load_part
from datadam.academy.models import Cohort, Course, Enrolment, Qualification
from datadam.accounts.models import User
from datadam.demo.loader import PEOPLE, DemoCore, _core_project_load, demo_logins
from datadam.projects.models import Project


def demo_load() -> None:
    """The core demo and the academy's part alone, so another app's part cannot hide a fault in this one."""
    project = _core_project_load()
    people = {username: User.objects.get(username=username) for username, _name, _role in PEOPLE}
    demo_load_part(DemoCore(organization=project.organization, project=project, people=people))


def test_the_demo_has_the_course_its_cohorts_and_trainees_at_every_stage(db) -> None:
    demo_load()

    course = Course.objects.get(title_ko=COURSE_TITLE)
    assert course.item_project.hidden
    assert course.lessons.count() == 3
    assert course.course_items.filter(use="practice").count() == 5
    assert course.course_items.filter(use="evaluation").count() == 10
    modes = list(Cohort.objects.filter(course=course).order_by("number").values_list("number", "mode"))
    assert modes == [(1, "classroom"), (2, "online"), (3, "online")]
    statuses = set(Enrolment.objects.filter(cohort__course=course).values_list("status", flat=True))
    assert statuses == {"applied", "enrolled", "waitlisted", "completed"}
    roles = set(Qualification.objects.values_list("user__username", "role"))
    assert {("trainee6", "labeler"), ("trainee7", "reviewer")} <= roles
    assert ("trainee6", "reviewer") not in roles
    assert ("trainee1", "datadam-demo", "trainee") in demo_logins()


def test_the_qualified_project_asks_for_the_text_qualification(db) -> None:
    demo_load()
    project = Project.objects.get(name=QUALIFIED_PROJECT)

    trainee1 = Enrolment.objects.get(user__username="trainee1").user
    trainee6 = Enrolment.objects.get(user__username="trainee6").user
    assert not selectors.user_meets_requirement(trainee1, project)
    assert selectors.user_meets_requirement(trainee6, project)


def test_loading_the_academy_demo_twice_changes_nothing(db) -> None:
    demo_load()
    counts = (Course.objects.count(), Enrolment.objects.count(), Project.objects.count())

    demo_load()

    assert (Course.objects.count(), Enrolment.objects.count(), Project.objects.count()) == counts
