"""Test settings: the real settings with a throwaway data folder, a file-backed SQLite test database
(so threads in race tests share it, as web processes would), fast password hashing and plain static files.

Each test process (each pytest-xdist worker too) gets a data folder of its own, removed when it exits,
so files named after database ids never meet another worker's."""

import atexit
import os
import shutil
import tempfile
from pathlib import Path

_own_data_dir = tempfile.mkdtemp(prefix="datadam-test-")
os.environ["DATADAM_DATA_DIR"] = _own_data_dir
atexit.register(shutil.rmtree, _own_data_dir, ignore_errors=True)

from datadam.settings import *  # noqa: E402,F403
from datadam.settings import DATA_DIR, DATABASES, STORAGES  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["TEST"] = {"NAME": str(Path(DATA_DIR) / "test.sqlite3")}
LANGUAGE_CODE = "ko"
DATADAM_FIELD_KEYS = ["Tb8bLUxaaYG5k0a-ypd6unVX9Dc3y4rcc_F1cR0d9Rg="]  # a throwaway key for encrypted fields
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
Path(DATA_DIR, "static").mkdir(parents=True, exist_ok=True)
