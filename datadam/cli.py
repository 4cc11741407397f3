"""`datadam` console script: demo, serve, worker, import, and every Django management command."""

import os
import signal
import subprocess
import sys

DEMO_HOST = "127.0.0.1"


def _django_setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "datadam.settings")
    import django

    django.setup()


def _manage(*args: str) -> None:
    from django.core.management import call_command

    call_command(*args)


def serve_command(bind: str, workers: int) -> list[str]:
    """gunicorn with several processes; static files come from WhiteNoise inside the app.

    Sync workers (one thread each) by default: the benchmark measured more loops/s and half the p99 on
    SQLite, and the same throughput with a lower p99 on PostgreSQL (bench/RESULTS.md, "Server shape").
    """
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "datadam.wsgi:application",
        "--bind",
        bind,
        "--workers",
        str(workers),
        "--threads",
        os.environ.get("DATADAM_WEB_THREADS", "1"),
        "--no-control-socket",
        "--access-logfile",
        "-",
    ]


def worker_command() -> list[str]:
    return [sys.executable, "-m", "datadam.cli", "db_worker", "--queue-name", "*"]


def demo(port: str) -> int:
    """Migrate, load the demo programme, then run the web server and a task worker until Ctrl+C."""
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
    children = [
        subprocess.Popen(worker_command()),
        subprocess.Popen(serve_command(f"{DEMO_HOST}:{port}", 2)),
    ]
    try:
        return children[1].wait()
    except KeyboardInterrupt:
        return 0
    finally:
        for child in children:
            child.send_signal(signal.SIGTERM)
            child.wait(timeout=10)


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    command = args[0] if args else "help"
    if command == "demo":
        return demo(os.environ.get("DATADAM_PORT", "8000"))
    if command == "serve":
        _django_setup()
        _manage("collectstatic", "--noinput", "-v", "0")
        bind = os.environ.get("DATADAM_BIND", "127.0.0.1:8000")
        workers = int(os.environ.get("DATADAM_WEB_PROCESSES", str((os.cpu_count() or 1) * 2 + 1)))
        os.execv(sys.executable, serve_command(bind, workers))
    if command == "worker":
        args = ["db_worker", "--queue-name", "*", *args[1:]]
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
