"""Real task workers (`datadam worker`) for the tests that kill one in the middle of a job.

The job waits at a pause point (operations.pause) until the test lets it go, so the kill lands half-way
without racing a clock. Every wait is bounded and every worker started here is killed on the way out.
"""

import os
import signal
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from tests.resilience.live import ROOT, server_env, wait_until

WAIT_SECONDS = 90  # a worker boots in about two seconds; a busy shared machine can take much longer


class Workers:
    def __init__(self, tmp_path: Path) -> None:
        self.pause_dir = tmp_path / "pause"
        self.pause_dir.mkdir()
        self.log = tmp_path / "workers.log"
        self.env = {
            **server_env(tmp_path / "worker-data"),
            "DJANGO_SETTINGS_MODULE": "tests.operations.worker_settings",
            "DATADAM_TEST_SHARED_DATA_DIR": str(settings.DATA_DIR),
            "DATADAM_TEST_PAUSE_DIR": str(self.pause_dir),
            "DATADAM_WORKER_BEAT_SECONDS": "0.2",
            "DATADAM_WORKER_LOST_SECONDS": "1.5",
        }
        self.processes: list[subprocess.Popen] = []

    def start(self) -> subprocess.Popen:
        command = [
            sys.executable,
            "-m",
            "datadam.cli",
            "worker",
            "--no-startup-delay",
            "--interval",
            "0.1",
            "--no-reload",
        ]
        with self.log.open("ab") as log:
            process = subprocess.Popen(command, env=self.env, cwd=ROOT, stdout=log, stderr=log, process_group=0)
        self.processes.append(process)
        return process

    def kill_at(self, point: str) -> None:
        """Start a worker, wait until its job reaches `point`, SIGKILL it there, and open the point."""
        worker = self.start()
        reached = self.pause_dir / f"{point}.reached"
        assert wait_until(lambda: reached.exists() or worker.poll() is not None, WAIT_SECONDS), self.log_tail()
        assert worker.poll() is None, self.log_tail()
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(timeout=10)
        (self.pause_dir / f"{point}.go").touch()

    def finish_on_another(self, task_path: str) -> DBTaskResult:
        """Start a second worker, wait until it has run the job to its end, stop it; returns the job's row."""
        self.start()
        jobs = DBTaskResult.objects.filter(task_path=task_path)
        ended = [TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED]
        try:
            assert wait_until(lambda: not jobs.exclude(status__in=ended).exists(), WAIT_SECONDS), self.log_tail()
        finally:
            self.stop()
        return jobs.get()

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)

    def log_tail(self) -> str:
        return self.log.read_text(errors="replace")[-3000:] if self.log.exists() else "(no log)"
