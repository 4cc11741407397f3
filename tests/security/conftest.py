import pytest

from tests.conftest import Cast
from tests.security.objects_of_a import objects_of_a_make
from tests.security.shapes import ObjectsOfA


@pytest.fixture
def a(cast: Cast) -> ObjectsOfA:
    """A's project with the labeler's live lease, labeler2's submitted work, a finished import, an export job,
    the labeler's API token, a bonus paid to labeler2, every app's contribution, and the audit events all that
    wrote."""
    return objects_of_a_make(cast)
