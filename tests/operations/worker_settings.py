"""Settings of a task worker a test starts for real: the resilience server's settings (the test's own database),
with the test process's data folder, so the worker reads the uploads and writes the files the test then checks."""

import os
from pathlib import Path

from tests.resilience.server_settings import *  # noqa: F403
from tests.resilience.server_settings import STORAGES

DATA_DIR = Path(os.environ["DATADAM_TEST_SHARED_DATA_DIR"])
_files = {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": DATA_DIR / "media"}}
STORAGES = {**STORAGES, "default": _files, "media": _files}
