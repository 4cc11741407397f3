"""Pause points for the tests that kill a worker in the middle of a job (off unless DATADAM_TEST_PAUSE_DIR is set).

At `pause_point("name")` the job writes `<dir>/name.reached` and waits until `<dir>/name.go` exists, so a test
knows, without racing a clock, that the job is half-way: then it kills the worker, creates the go file and
starts another worker, which passes straight through.
"""

import time
from pathlib import Path

from django.conf import settings

WAIT_SECONDS = 120


def pause_point(name: str) -> None:
    folder = settings.DATADAM_TEST_PAUSE_DIR
    if not folder:
        return
    go = Path(folder) / f"{name}.go"
    if go.exists():
        return
    (Path(folder) / f"{name}.reached").touch()
    deadline = time.monotonic() + WAIT_SECONDS
    while not go.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
