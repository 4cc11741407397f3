"""Who may do what in the academy: small predicates, no queries beyond membership look-ups."""

from datadam.academy.models import Course, Enrolment
from datadam.projects import access


def is_organization_staff(user, organization_id: int) -> bool:
    return access.is_staff(user, organization_id)


def is_course_staff(user, course: Course) -> bool:
    """Staff of the organization that runs the course manage it, its cohorts and its applicants."""
    return is_organization_staff(user, course.organization_id)


def is_course_trainee(user, course: Course) -> bool:
    """Enrolled (or finished) in one of the course's cohorts: may study, practise and take the evaluation."""
    studying = [Enrolment.Status.ENROLLED, Enrolment.Status.COMPLETED]
    return (
        user.is_authenticated
        and Enrolment.objects.filter(user=user, cohort__course=course, status__in=studying).exists()
    )


def can_study(user, course: Course) -> bool:
    return is_course_trainee(user, course) or is_course_staff(user, course)


def can_see_course_items(user, project) -> bool:
    """A course's items live in its hidden project: whoever may study the course sees their images and audio."""
    course = Course.objects.filter(item_project=project).first()
    return course is not None and can_study(user, course)
