import pytest

from datadam.academy.models import Cohort, Course
from tests.academy.builders import make_cohort, make_course
from tests.conftest import Cast


@pytest.fixture
def course(cast: Cast) -> Course:
    return make_course(cast.manager)


@pytest.fixture
def cohort(cast: Cast, course: Course) -> Cohort:
    return make_cohort(cast.manager, course)
