"""Settings of a server a resilience test starts for real: the test settings, on the test's own database,
whose name (pytest-django's, one per parallel test process) comes in DATADAM_TEST_DATABASE_NAME."""

import os

from tests.settings import *  # noqa: F403
from tests.settings import DATABASES

DATABASES["default"]["NAME"] = os.environ["DATADAM_TEST_DATABASE_NAME"]
DATABASES["default"].pop("TEST", None)
