"""`datadam` console script: demo, serve, worker, import, and every Django management command."""

import ctypes
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from cryptography.fernet import Fernet

from datadam.core.env import env_int, env_path, env_str

DEMO_HOST = "127.0.0.1"
# Web processes and the task worker get this long to stop after SIGTERM (finishing the request or task in
# hand), then they are killed: a stop of `serve` or `demo` stays under 5 seconds.
STOP_GRACE_SECONDS = 3
STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)
PR_SET_PDEATHSIG = 1


def _django_setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "datadam.settings")
    import django

    django.setup()


def _manage(*args: str) -> None:
    from django.core.management import call_command

    call_command(*args)


def default_web_processes() -> int:
    """One web process per core and one more, to run while another waits for the database. On the 2-core
    machine 3 processes used less CPU per annotator loop than 5 and served as many loops or more, with a lower
    p99 (bench/RESULTS.md, "Server shape"); more processes than that only took turns on the same cores."""
    return (os.cpu_count() or 1) + 1


def serve_command(bind: str, workers: int) -> list[str]:
    """gunicorn with several processes; static files come from WhiteNoise inside the app.

    Sync workers (one thread each) by default: the benchmark measured more loops/s and half the p99 on
    SQLite, and the same throughput with a lower p99 on PostgreSQL (bench/RESULTS.md, "Server shape").
    On SIGTERM a web process may finish its request for STOP_GRACE_SECONDS (gunicorn's default is 30),
    so that a stop takes seconds: labeling calls are idempotent and retried, downloads resume.
    """
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "datadam.wsgi:application",
        "--config",
        "python:datadam.core.web_processes",
        "--bind",
        bind,
        "--workers",
        str(workers),
        "--threads",
        str(env_int("DATADAM_WEB_THREADS", 1)),
        "--graceful-timeout",
        str(STOP_GRACE_SECONDS),
        "--no-control-socket",
        "--access-logfile",
        "-",
    ]


def worker_command() -> list[str]:
    """django-tasks-db's worker with a heartbeat (operations.task_worker), so a killed worker's jobs run again."""
    return [sys.executable, "-m", "datadam.cli", "task_worker", "--queue-name", "*"]


def demo(port: str) -> int:
    """Migrate, load the demo programme, then run the web server and a task worker until Ctrl+C."""
    if not env_str("DATADAM_FIELD_KEY"):
        os.environ["DATADAM_FIELD_KEY"] = _demo_field_key()  # before set-up; the children inherit it
    _django_setup()
    from datadam.demo.loader import demo_load, demo_logins

    _manage("migrate", "--noinput", "-v", "0")
    _manage("collectstatic", "--noinput", "-v", "0")
    project = demo_load()
    url = f"http://{DEMO_HOST}:{port}/"
    print(f"\nDatadam demo is running at {url}\nProject: {project.name}\nLog in as (user / password):")
    for username, password, role in demo_logins():
        print(f"  {role:9} {username:10} {password}")
    print("Press Ctrl+C to stop.\n", flush=True)
    return supervise([worker_command(), serve_command(f"{DEMO_HOST}:{port}", 2)])


def _demo_field_key() -> str:
    """The demo's own key for encrypted fields (payout details), kept beside its database so a restarted demo
    still reads what it stored. A real deployment sets DATADAM_FIELD_KEY (docs/deploy.md)."""
    path = env_path("DATADAM_DATA_DIR", Path.cwd() / "var") / "demo-field-key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(Fernet.generate_key().decode())
        path.chmod(0o600)
    return path.read_text().strip()


def supervise(commands: list[list[str]]) -> int:
    """Run the commands side by side until one ends or this process is told to stop (SIGTERM, Ctrl+C,
    SIGHUP); then stop them all within STOP_GRACE_SECONDS. Returns 0 after a stop, else the exit status
    of the child that ended first.

    Each child leads its own process group, so the stop also reaches gunicorn's web processes, and what
    is still running after the grace period is killed with its group. Each child is also sent SIGTERM by
    the kernel if this process dies without a chance to clean up (SIGKILL), so nothing is left serving.
    """
    stop_requested: list[int] = []
    previous = {sig: signal.signal(sig, lambda signum, _frame: stop_requested.append(signum)) for sig in STOP_SIGNALS}
    children: list[subprocess.Popen] = []
    die_with_parent = _die_with_parent_hook()
    try:
        for command in commands:
            children.append(subprocess.Popen(command, process_group=0, preexec_fn=die_with_parent))
        while not stop_requested:
            for child in children:
                if (code := child.poll()) is not None:
                    return code
            time.sleep(0.1)
        return 0
    finally:
        _stop_children(children)
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _die_with_parent_hook() -> Callable[[], None] | None:
    """What a child runs before its command: ask Linux to send it SIGTERM when its parent dies. prctl is
    looked up here, in the parent, so that the forked child only makes system calls."""
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):  # not Linux: children then stop only through _stop_children
        return None
    parent = os.getpid()

    def hook() -> None:
        prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
        if os.getppid() != parent:  # the parent died before the request took effect
            os._exit(1)

    return hook


def _stop_children(children: list[subprocess.Popen]) -> None:
    for child in children:
        _signal_group(child, signal.SIGTERM)
    deadline = time.monotonic() + STOP_GRACE_SECONDS
    for child in children:
        try:
            child.wait(timeout=max(0.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            pass
    for child in children:
        _signal_group(child, signal.SIGKILL)  # a child too slow to stop, or one of its own it left behind
        child.wait()


def _signal_group(child: subprocess.Popen, sig: int) -> None:
    try:
        os.killpg(child.pid, sig)
    except ProcessLookupError:  # the whole group has already ended
        pass


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    command = args[0] if args else "help"
    if command == "demo":
        return demo(env_str("DATADAM_PORT", "8000"))
    if command == "serve":
        _django_setup()
        _manage("collectstatic", "--noinput", "-v", "0")
        bind = env_str("DATADAM_BIND", "127.0.0.1:8000")
        workers = env_int("DATADAM_WEB_PROCESSES", default_web_processes())
        os.execv(sys.executable, serve_command(bind, workers))
    if command == "worker":
        args = ["task_worker", "--queue-name", "*", *args[1:]]
    elif command == "import":
        args = ["import_items", *args[1:]]
    elif command == "export":
        args = ["export_labels", *args[1:]]
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "datadam.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["datadam", *args])
    return 0


if __name__ == "__main__":
    sys.exit(main())
