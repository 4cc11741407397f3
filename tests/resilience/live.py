"""Real server processes for the resilience tests: gunicorn as `datadam serve` builds it (with a longer boot
time-out, BOOT_TIMEOUT), on 127.0.0.1 and a free port, on the test's own database (pytest-django's, so the
test sets up and checks its rows).

Every wait here is bounded, and every process started here is stopped, killed if need be, on the way out.
"""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import psutil
import requests
from django.db import connection

from datadam.cli import serve_command

ROOT = Path(__file__).resolve().parents[2]
START_SECONDS = 120  # gunicorn boots in a few seconds; a busy shared machine can take much longer
# gunicorn kills a web process that has not reported in for this long, loading the app included (default 30 s,
# which several processes loading at once on a busy 2-core machine can exceed).
BOOT_TIMEOUT = 120


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(data_dir: Path) -> dict[str, str]:
    """The environment of a server on the test's database: the test settings, with the database's name."""
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "static").mkdir(exist_ok=True)
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.resilience.server_settings",
        "DATADAM_TEST_DATABASE_NAME": str(connection.settings_dict["NAME"]),
        "DATADAM_DATA_DIR": str(data_dir),
        "DATADAM_LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
        "GUNICORN_CMD_ARGS": f"--timeout {BOOT_TIMEOUT}",
    }


def answers(port: int, timeout: float = 1.0) -> int | None:
    """The status of GET /health, or None when nothing answers on the port."""
    try:
        return requests.get(f"http://127.0.0.1:{port}/health", timeout=timeout).status_code
    except requests.RequestException:
        return None


def port_is_closed(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) != 0


def wait_until(predicate, seconds: float, step: float = 0.1) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return predicate()


def kill_leftovers(data_dir: Path) -> None:
    """Last resort on the way out of a test: SIGKILL every process started with this test's data folder,
    orphans included (a child whose parent died is no longer found among anyone's children)."""
    leftovers = []
    for process in psutil.process_iter():
        try:
            if process.pid != os.getpid() and process.environ().get("DATADAM_DATA_DIR") == str(data_dir):
                process.kill()
                leftovers.append(process)
        except psutil.Error:
            continue
    psutil.wait_procs(leftovers, timeout=5)


class Server:
    """gunicorn on 127.0.0.1; `kill_workers()` and `kill()` are SIGKILL, `start()` again restarts it."""

    def __init__(self, data_dir: Path, workers: int = 4) -> None:
        self.env, self.workers, self.port = server_env(data_dir), workers, free_port()
        self.data_dir = data_dir
        self.log = data_dir / "server.log"
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> "Server":
        command = serve_command(f"127.0.0.1:{self.port}", self.workers)
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(command, env=self.env, cwd=ROOT, stdout=log, stderr=log, process_group=0)
        if not wait_until(lambda: self._booted() or self.process.poll() is not None, START_SECONDS, 0.2):
            self.kill()
            raise RuntimeError(f"the server did not answer within {START_SECONDS} s: {self.log_tail()}")
        if self.process.poll() is not None:
            self.kill()
            raise RuntimeError(f"the server exited at start-up: {self.log_tail()}")
        return self

    def _booted(self) -> bool:
        return len(self.worker_pids()) >= self.workers and answers(self.port) == 200

    def worker_pids(self) -> list[int]:
        try:
            return [child.pid for child in psutil.Process(self.process.pid).children()]
        except psutil.NoSuchProcess:
            return []

    def kill_workers(self) -> list[int]:
        """SIGKILL every web process in the middle of whatever it does; gunicorn's master starts new ones."""
        pids = self.worker_pids()
        for pid in pids:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        return pids

    def kill(self) -> None:
        """SIGKILL the whole server, master and web processes at once, as a machine's power cut would."""
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait(timeout=10)
        wait_until(lambda: port_is_closed(self.port), 10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                pass
        kill_leftovers(self.data_dir)

    def log_tail(self) -> str:
        return self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""


def datadam_command(*args: str) -> list[str]:
    script = Path(sys.executable).parent / "datadam"
    return [str(script), *args] if script.exists() else [sys.executable, "-m", "datadam.cli", *args]
