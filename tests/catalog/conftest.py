import pytest

from tests.releases.conftest import label_and_review, published, verifier  # noqa: F401


@pytest.fixture
def release(cast, verifier):  # noqa: F811
    label_and_review(cast)
    return published(cast, verifier)
