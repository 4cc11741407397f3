"""The academy's demo: a Korean course from the NSMC slice, three cohorts and trainees at every stage."""

from datadam.academy import selectors
from datadam.academy.demo import COURSE_TITLE, IMAGE_COURSE, QUALIFIED_PROJECT, SPEECH_COURSE, demo_load_part
from datadam.academy.explanations import hidden_fields_named
from datadam.academy.models import Cohort, Course, CourseItem, Enrolment, Qualification
from datadam.accounts.models import User
from datadam.demo.loader import PEOPLE, DemoCore, _core_project_load, demo_logins
from datadam.media.permissions import can_view_media
from datadam.media.selectors import item_media
from datadam.projects.models import Project
from datadam.projects.schema.validate import schema_parse


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

    trainee1 = User.objects.get(username="trainee1")
    trainee6 = User.objects.get(username="trainee6")
    assert not selectors.user_meets_requirement(trainee1, project)
    assert selectors.user_meets_requirement(trainee6, project)


def test_loading_the_academy_demo_twice_changes_nothing(db) -> None:
    demo_load()
    counts = (Course.objects.count(), Enrolment.objects.count(), Project.objects.count())

    demo_load()

    assert (Course.objects.count(), Enrolment.objects.count(), Project.objects.count()) == counts


def test_the_demo_has_an_image_course_and_a_speech_course_the_demo_trainee_studies(db) -> None:
    demo_load()
    trainee = User.objects.get(username="trainee1")

    for title, kind in ((IMAGE_COURSE, "boxes"), (SPEECH_COURSE, "segments")):
        course = Course.objects.get(title_ko=title)
        assert course.item_project.schema["controls"][0]["type"] == kind
        assert course.course_items.filter(use="practice").exists() and course.course_items.filter(use="evaluation")
        item = course.course_items.first()
        assert can_view_media(trainee, course.item_project) and item_media(trainee, item.item)
        assert Enrolment.objects.filter(user=trainee, cohort__course=course, status="enrolled").exists()
    segment = Course.objects.get(title_ko=SPEECH_COURSE).course_items.first().gold["transcript"][0]
    assert segment["end"] > 1 and segment["text"]


def test_no_practice_explanation_names_a_field_the_trainee_never_sees(db) -> None:
    demo_load()

    practice = CourseItem.objects.filter(use="practice").select_related("course__item_project", "item")
    named = {}
    for item in practice:
        schema = schema_parse(item.course.item_project.schema)
        explanation = f"{item.explanation_ko} {item.explanation_en}"
        named[(item.course.title_ko, item.position)] = hidden_fields_named(schema, item.item.data, explanation)

    assert practice.filter(item__data__has_key="rating").exists()  # the reviews keep their stars, unseen
    assert not {key: fields for key, fields in named.items() if fields}
