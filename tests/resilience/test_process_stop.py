"""Stopping `datadam serve` and `datadam demo` (SIGTERM from a service manager, Ctrl+C in a terminal, or the
parent killed outright) stops the web server, its web processes and the task worker within 5 seconds.

`datadam demo` first loads the demo programme (about half a minute), so its supervision is tested through
`cli.supervise`, the function it hands its two processes to, started exactly as demo starts them.
"""

import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from tests.resilience.live import (
    ROOT,
    answers,
    datadam_command,
    free_port,
    kill_leftovers,
    port_is_closed,
    server_env,
    wait_until,
)

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

STOP_SECONDS = 5
# When demo itself is killed, nobody is left to force the stop: each child stops at its own pace (a graceful
# gunicorn stop, the interpreter's exit), which on a busy machine can take a little longer.
CRASH_STOP_SECONDS = 15
START_SECONDS = 120

SUPERVISED_DEMO = (
    "import sys; from datadam import cli; "
    "sys.exit(cli.supervise([cli.worker_command(), cli.serve_command('127.0.0.1:{port}', 2)]))"
)


def _start(command: list[str], env: dict, log: Path) -> subprocess.Popen:
    with log.open("ab") as out:
        return subprocess.Popen(command, env=env, cwd=ROOT, stdout=out, stderr=out)


def _family_when_up(process: subprocess.Popen, port: int, log: Path, at_least: int) -> list[psutil.Process]:
    """Wait until the server answers and `at_least` processes run under `process`; return them all."""

    def up() -> bool:
        return len(psutil.Process(process.pid).children(recursive=True)) >= at_least and answers(port) == 200

    if not wait_until(lambda: process.poll() is not None or up(), START_SECONDS, 0.2) or process.poll() is not None:
        raise AssertionError(f"did not start: {log.read_text(errors='replace')[-2000:]}")
    return [psutil.Process(process.pid), *psutil.Process(process.pid).children(recursive=True)]


def _running(process: psutil.Process) -> bool:
    """Alive and not a zombie (a dead process its parent has not collected yet serves nothing)."""
    try:
        return process.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def _name(process: psutil.Process) -> str:
    try:
        return " ".join(process.cmdline())[:80]
    except psutil.Error:
        return str(process.pid)


def _assert_all_gone_within(seconds: float, family: list[psutil.Process], port: int) -> None:
    started = time.monotonic()
    wait_until(lambda: not any(_running(p) for p in family), seconds, 0.05)
    alive = [p for p in family if _running(p)]
    if alive:  # how long they take after all (bounded), for the failure message
        names = [_name(p) for p in alive]
        wait_until(lambda: not any(_running(p) for p in alive), 30, 0.1)
        late = time.monotonic() - started
        raise AssertionError(f"still running {seconds} s after the stop (gone after {late:.1f} s): {names}")
    assert port_is_closed(port)


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT], ids=["sigterm", "ctrl-c"])
def test_serve_stops_gunicorn_and_its_web_processes_within_five_seconds(tmp_path: Path, stop: signal.Signals) -> None:
    port = free_port()
    env = {**server_env(tmp_path), "DATADAM_BIND": f"127.0.0.1:{port}", "DATADAM_WEB_PROCESSES": "2"}
    log = tmp_path / "serve.log"
    process = _start(datadam_command("serve"), env, log)
    try:
        family = _family_when_up(process, port, log, at_least=2)

        process.send_signal(stop)

        _assert_all_gone_within(STOP_SECONDS, family, port)
    finally:
        kill_leftovers(tmp_path)


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT], ids=["sigterm", "ctrl-c"])
def test_demo_stops_its_web_server_and_task_worker_within_five_seconds(tmp_path: Path, stop: signal.Signals) -> None:
    port = free_port()
    log = tmp_path / "demo.log"
    process = _start([sys.executable, "-c", SUPERVISED_DEMO.format(port=port)], server_env(tmp_path), log)
    try:
        family = _family_when_up(process, port, log, at_least=4)  # task worker, gunicorn and its two processes
        assert any("task_worker" in " ".join(p.cmdline()) for p in family)

        process.send_signal(stop)

        _assert_all_gone_within(STOP_SECONDS, family, port)
        assert process.wait(timeout=1) == 0
    finally:
        kill_leftovers(tmp_path)


def test_demo_processes_stop_by_themselves_when_demo_itself_is_killed(tmp_path: Path) -> None:
    port = free_port()
    log = tmp_path / "demo.log"
    process = _start([sys.executable, "-c", SUPERVISED_DEMO.format(port=port)], server_env(tmp_path), log)
    try:
        family = _family_when_up(process, port, log, at_least=4)

        process.send_signal(signal.SIGKILL)

        _assert_all_gone_within(CRASH_STOP_SECONDS, family, port)
    finally:
        kill_leftovers(tmp_path)
