"""Datadam's benchmark: `make bench` runs it on SQLite, then on a throwaway PostgreSQL.

Each database run starts from nothing: a fresh temporary data folder (and, on PostgreSQL, a fresh
database), `datadam migrate`, set-up through the project's own services (bulk inserts only where the
rows are set-up for another measurement), then the production server (gunicorn) under load from
bench/loadgen.py in its own process. Every scenario is bounded in time and count, and all load goes
to 127.0.0.1. Raw figures go to bench/results/<database>.json; see bench/README.md.
"""

import argparse
import csv
import datetime as dt
import json
import os
import platform
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psutil

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
LOADGEN = BENCH / "loadgen.py"
REVIEWS = ROOT / "datadam" / "demo" / "data" / "nsmc_reviews_2000.tsv"
WORKERS = 32
RESULT = {"sentiment": "positive"}
PHASE_GRACE_S = 60  # a load phase that has not ended this long after its planned end is killed
CHUNK_STEPS = 10  # next/submit phases: steps a client takes from the shared pool at a time
QUIET_WAIT_RUNS = 6  # over a whole database run, wait at most this many times --quiet-wait for quiet
# The history check (bench/history.py): two labels per item, 5-second leases so that some run out, and few
# expiries, since each one waits a lease out.
HISTORY_OVERLAP = 2
PAGE_SIZE = 10  # items on one task page in the page phase
HISTORY_LEASE_SECONDS = 5
HISTORY_EXPIRE = 0.002

# Floors of the issue (2-core machine) and goals of DESIGN.md §6; Label Studio 1.23.2 for scale.
FLOORS = {
    "loop_per_second": {"postgresql": 300, "sqlite": 300},
    "server_cpu_ms_per_loop": {"postgresql": 5.0, "sqlite": 4.5},  # PostgreSQL: web and database together
    "page_items_per_second": 1_000,
    "next_p99_ms_32": 100,
    "scale_ratio": 1.20,
    "import_per_second": 20_000,
    "export_per_second": 20_000,
    "export_rss_growth_mb": 100,
    "aggregate_auto_s": 10,
}
GOALS = {
    "loop_per_second": {"postgresql": 500, "sqlite": 300},
    "import_per_second": 50_000,
    "export_per_second": 50_000,
}
LABEL_STUDIO = {
    "loop_per_second": 10.5,
    "next_p99_ms_32": 1500,
    "import_per_second": 5600,
    "export_per_second": round(100_000 / 126),
    "export_peak_rss_mb": 877,
}


STARTED = time.monotonic()


def log(message: str) -> None:
    print(f"[bench {time.monotonic() - STARTED:6.1f} s] {message}", flush=True)


# --------------------------------------------------------------------------------------------------
# Command line


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", choices=["both", "sqlite", "postgres"], default="both")
    parser.add_argument("--duration", type=float, default=10.0, help="measured seconds per load phase")
    parser.add_argument("--warmup", type=float, default=2.0, help="uncounted seconds before each phase")
    parser.add_argument("--import-items", type=int, default=100_000, help="items in the timed import")
    parser.add_argument("--small-items", type=int, default=10_000, help="the small project of the scale check")
    parser.add_argument("--large-items", type=int, default=100_000, help="the large project of the scale check")
    parser.add_argument("--page-items", type=int, default=60_000, help="items of the task-page project")
    parser.add_argument("--million", action="store_true", help="large project of 1,000,000 items")
    parser.add_argument("--export-annotations", type=int, default=100_000, help="accepted annotations exported")
    parser.add_argument("--release-items", type=int, default=100_000, help="items of the release cut and built")
    parser.add_argument("--side-projects", type=int, default=160, help="projects for the next-only/submit-only phases")
    parser.add_argument("--gunicorn-workers", type=int, default=None, help="web processes (default: per database)")
    parser.add_argument("--gunicorn-threads", type=int, default=None, help="threads per process (1 = sync worker)")
    parser.add_argument(
        "--compare-servers",
        default="",
        help="also run the 32-client loop under other gunicorn shapes, e.g. '3x4,5x1,4x2' (workers x threads)",
    )
    parser.add_argument(
        "--quiet-wait",
        type=float,
        default=10.0,
        help="before each phase wait up to this many seconds for other processes to leave the CPUs alone",
    )
    parser.add_argument("--no-access-log", action="store_true", help="run gunicorn without its access log")
    parser.add_argument("--history-clients", type=int, default=64, help="labelers in the history check")
    parser.add_argument(
        "--history-loops", type=int, default=10_000, help="loops per labeler in the history check (0: leave it out)"
    )
    parser.add_argument(
        "--history-max-seconds", type=float, default=4 * 3600, help="the history check ends by then in any case"
    )
    parser.add_argument("--history-only", action="store_true", help="run only the history check")
    parser.add_argument("--quick", action="store_true", help="small sizes and 3 s phases: a smoke test")
    parser.add_argument("--out-dir", type=Path, default=BENCH / "results")
    args = parser.parse_args(argv)
    if args.million:
        args.large_items = 1_000_000
    if args.quick:
        args.duration, args.warmup = 3.0, 1.0
        args.import_items, args.small_items, args.large_items, args.page_items = 20_000, 2_000, 20_000, 10_000
        args.export_annotations, args.side_projects = 20_000, 40
        args.release_items = 5_000
        args.history_loops = min(args.history_loops, 20)
    return args


# Chosen on the 2-core machine (bench/RESULTS.md, "Server shape"), as (processes, threads per process):
# 3 sync processes, `datadam serve`'s default there (cores + 1). Each request goes to whichever process is free
# (keep-alive connections of gthread workers stay with the process that accepted them, which can leave one
# process, bound to one core by its GIL, with most clients), and on SQLite a request holding the one write lock
# never waits for its process's GIL behind threads that only wait for that lock.
SERVER_SHAPE = {"sqlite": (3, 1), "postgresql": (3, 1)}


def _terminate(signum, frame) -> None:
    raise SystemExit(128 + signum)  # so that `finally` blocks stop the server and remove the temporary files


def main(argv: list[str] | None = None) -> int:
    signal.signal(signal.SIGTERM, _terminate)
    args = parse_args(argv)
    passthrough = [a for a in (sys.argv[1:] if argv is None else argv)]
    passthrough = _without_db_flag(passthrough)
    if args.db == "both":
        started = time.monotonic()
        env = {k: v for k, v in os.environ.items() if k != "DATADAM_DATABASE_URL"}
        code_sqlite = subprocess.call([sys.executable, __file__, "--db", "sqlite", *passthrough], env=env)
        code_pg = subprocess.call(
            [str(ROOT / "scripts" / "with-postgres.sh"), sys.executable, __file__, "--db", "postgres", *passthrough],
            env=env,
        )
        log(f"both databases done in {time.monotonic() - started:.0f} s")
        return code_sqlite or code_pg
    if args.db == "postgres" and not os.environ.get("DATADAM_DATABASE_URL"):
        os.execv(
            str(ROOT / "scripts" / "with-postgres.sh"),
            [str(ROOT / "scripts" / "with-postgres.sh"), sys.executable, __file__, "--db", "postgres", *passthrough],
        )
    if args.db == "sqlite":
        os.environ.pop("DATADAM_DATABASE_URL", None)
    run = DatabaseRun(args, "postgresql" if args.db == "postgres" else "sqlite")
    return run.run_history_only() if args.history_only else run.run()


def result_name(database: str, args: argparse.Namespace) -> str:
    """bench/results/<database>.json; runs at other sizes get their own file so they do not overwrite it."""
    if args.history_only:
        return f"{database}-history-{args.history_clients}x{args.history_loops}.json"
    if args.quick:
        return f"{database}-quick.json"
    if args.large_items >= 1_000_000:
        return f"{database}-1m.json"
    return f"{database}.json"


def _without_db_flag(argv: list[str]) -> list[str]:
    out, skip = [], False
    for arg in argv:
        if skip:
            skip = False
            continue
        if arg == "--db":
            skip = True
            continue
        if arg.startswith("--db="):
            continue
        out.append(arg)
    return out


# --------------------------------------------------------------------------------------------------
# Processes: CPU and memory of the server's process trees


class ProcessTree:
    """A process and its descendants; CPU seconds and RSS summed over those alive now."""

    def __init__(self, pid: int) -> None:
        self.root = psutil.Process(pid)

    def processes(self) -> list[psutil.Process]:
        try:
            return [self.root, *self.root.children(recursive=True)]
        except psutil.NoSuchProcess:
            return []

    def cpu_by_pid(self) -> dict[int, float]:
        out = {}
        for process in self.processes():
            try:
                times = process.cpu_times()
                out[process.pid] = times.user + times.system
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                continue
        return out

    def cpu_seconds(self) -> "CpuMark":
        return CpuMark(self.cpu_by_pid())

    def rss_bytes(self) -> tuple[int, int]:
        """(sum over the tree, largest single process)."""
        total = largest = 0
        for process in self.processes():
            try:
                rss = process.memory_info().rss
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                continue
            total += rss
            largest = max(largest, rss)
        return total, largest


class CpuMark:
    """CPU seconds per process at one moment. `later - earlier` sums the growth of every process alive at
    the later moment (a process that started in between counts from zero), so a database backend that
    closed in between does not make the difference negative."""

    def __init__(self, by_pid: dict[int, float]) -> None:
        self.by_pid = by_pid

    def update(self, other: "CpuMark") -> None:
        """Keep the highest reading per process (for polling while processes come and go)."""
        for pid, value in other.by_pid.items():
            self.by_pid[pid] = max(value, self.by_pid.get(pid, 0.0))

    def __sub__(self, earlier: "CpuMark") -> float:
        return sum(max(0.0, value - earlier.by_pid.get(pid, 0.0)) for pid, value in self.by_pid.items())


def postgres_tree(url: str) -> ProcessTree | None:
    """The local PostgreSQL server (postmaster and its backends), found by the port it listens on."""
    parts = urlsplit(url)
    if parts.hostname not in {"127.0.0.1", "localhost", "::1"}:
        return None
    port = parts.port or 5432
    for conn in psutil.net_connections(kind="tcp"):
        if conn.status == psutil.CONN_LISTEN and conn.laddr and conn.laddr.port == port and conn.pid:
            return ProcessTree(conn.pid)
    return None


class RssSampler(threading.Thread):
    """Samples the server tree's RSS four times a second; keeps the peak overall and per phase."""

    def __init__(self, tree: ProcessTree) -> None:
        super().__init__(daemon=True)
        self.tree = tree
        self.phase = "start-up"
        self.peak_total = self.peak_single = 0
        self.per_phase: dict[str, int] = {}
        self.halt = threading.Event()

    def run(self) -> None:
        while not self.halt.wait(0.25):
            try:
                total, single = self.tree.rss_bytes()
            except psutil.Error:
                continue
            self.peak_total, self.peak_single = max(self.peak_total, total), max(self.peak_single, single)
            self.per_phase[self.phase] = max(self.per_phase.get(self.phase, 0), total)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def http_get_status(port: int, path: str) -> int | None:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=2) as sock:
            sock.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n".encode())
            head = sock.recv(64)
        return int(head[9:12])
    except (OSError, ValueError):
        return None


def code_version() -> dict:
    """The commit the figures belong to, and whether the working tree differed from it."""
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no", "--", "datadam"],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        return {"commit": commit.stdout.strip() or None, "datadam_changed_since_commit": bool(dirty.stdout.strip())}
    except OSError:
        return {"commit": None}


def _die_with_parent() -> None:
    """Runs in the server's child process: it gets SIGTERM if the benchmark itself dies."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except OSError:
        pass


def busy_cpu_seconds() -> float:
    """CPU seconds the whole machine spent busy (all cores), including time stolen by the hypervisor."""
    times = psutil.cpu_times()
    return sum(times) - times.idle - getattr(times, "iowait", 0.0)


def mb(value: float) -> float:
    return round(value / (1024 * 1024), 1)


# --------------------------------------------------------------------------------------------------
# One database


class DatabaseRun:
    def __init__(self, args: argparse.Namespace, database: str) -> None:
        self.args, self.database = args, database
        self.tmp = Path(tempfile.mkdtemp(prefix="datadam-bench-"))
        self.env: dict[str, str] = {}
        self.created_database: str | None = None
        self.pg: ProcessTree | None = None
        self.server: subprocess.Popen | None = None
        self.server_tree: ProcessTree | None = None
        self.sampler: RssSampler | None = None
        self.port = 0
        self.acks: list[list] = []
        self.waited_total = 0.0
        self.loaded_projects: list[int] = []
        self.out: dict = {
            "database": database,
            "started_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "machine": {
                "cpus": os.cpu_count(),
                "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
                "python": platform.python_version(),
                "system": f"{platform.system()} {platform.release()}",
            },
            "options": {
                key: (str(value) if isinstance(value, Path) else value)
                for key, value in vars(args).items()
                if key != "out_dir"
            },
            "setup_s": {},
            "phases": {},
        }

    # ---- life cycle ------------------------------------------------------------------------------

    def run(self) -> int:
        started = time.monotonic()
        try:
            self.prepare_environment()
            self.migrate()
            self.setup_django()
            self.setup_people()
            self.measure_imports()
            self.measure_export()
            self.measure_aggregation()
            self.measure_release()
            self.setup_side_projects()
            self.close_db()
            self.run_load()
            self.check_integrity()
            self.measure_history()
            self.judge()
        finally:
            self.stop_server()
            self.close_db()
            self.out["total_s"] = round(time.monotonic() - started, 1)
            self.write()
            self.cleanup()
        print_summary(self.out)
        history_ok = self.out.get("history", {}).get("ok", True)
        return 0 if self.out["integrity"]["ok"] and history_ok else 1  # missed floors are reported, lost data fails

    def run_history_only(self) -> int:
        started = time.monotonic()
        try:
            self.prepare_environment()
            self.migrate()
            self.setup_django()
            self.measure_history()
            self.out["floors"] = [self.history_row()] if "history" in self.out else []
        finally:
            self.stop_server()
            self.close_db()
            self.out["total_s"] = round(time.monotonic() - started, 1)
            self.write()
            self.cleanup()
        print_summary(self.out)
        return 0 if self.out.get("history", {}).get("ok") else 1

    def write(self) -> None:
        self.args.out_dir.mkdir(parents=True, exist_ok=True)
        path = self.args.out_dir / result_name(self.database, self.args)
        path.write_text(json.dumps(self.out, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        log(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")

    def prepare_environment(self) -> None:
        env = {
            "DATADAM_DATA_DIR": str(self.tmp / "data"),
            "DATADAM_SECRET_KEY": secrets.token_urlsafe(40),
            "DATADAM_DEBUG": "0",
            "DATADAM_LOG_LEVEL": "WARNING",
            "DATADAM_MAX_UPLOAD_MB": "1024",
            "DJANGO_SETTINGS_MODULE": "datadam.settings",
        }
        if self.database == "postgresql":
            env["DATADAM_DATABASE_URL"] = self.create_pg_database(os.environ["DATADAM_DATABASE_URL"])
            self.pg = postgres_tree(env["DATADAM_DATABASE_URL"])
        (self.tmp / "data" / "static").mkdir(parents=True)  # WhiteNoise warns about a missing folder
        os.environ.update(env)
        self.env = dict(os.environ)
        self.out["code"] = code_version()
        log(f"{self.database}: fresh data folder and database")

    def create_pg_database(self, url: str) -> str:
        import psycopg

        parts = urlsplit(url)
        name = f"datadam_bench_{secrets.token_hex(4)}"
        admin = urlunsplit(parts._replace(path="/postgres"))
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
            self.out["postgres_version"] = conn.execute("SHOW server_version").fetchone()[0]
            settings = {}
            for setting in ("fsync", "synchronous_commit", "full_page_writes", "shared_buffers", "max_connections"):
                settings[setting] = conn.execute(f"SHOW {setting}").fetchone()[0]
            self.out["postgres_settings"] = settings
        self.created_database = name
        self.admin_url = admin
        return urlunsplit(parts._replace(path=f"/{name}"))

    def drop_pg_database(self) -> None:
        if not self.created_database:
            return
        import psycopg

        try:
            with psycopg.connect(self.admin_url, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{self.created_database}" WITH (FORCE)')
        except psycopg.Error as exc:
            log(f"could not drop the bench database: {exc}")

    def datadam_command(self, *args: str) -> list[str]:
        script = Path(sys.executable).parent / "datadam"
        if script.exists():
            return [str(script), *args]
        return [sys.executable, "-m", "datadam.cli", *args]

    def migrate(self) -> None:
        started = time.monotonic()
        subprocess.run(self.datadam_command("migrate", "--noinput", "-v", "0"), env=self.env, cwd=ROOT, check=True)
        self.out["setup_s"]["migrate"] = round(time.monotonic() - started, 1)

    def setup_django(self) -> None:
        import django

        django.setup()
        from django.db import connection

        if self.database == "sqlite":
            import sqlite3

            self.out["sqlite_version"] = sqlite3.sqlite_version

        self.connection = connection

    def close_db(self) -> None:
        if hasattr(self, "connection"):
            from django.db import connections

            connections.close_all()

    def cleanup(self) -> None:
        self.drop_pg_database()
        shutil.rmtree(self.tmp, ignore_errors=True)

    # ---- set-up ----------------------------------------------------------------------------------

    def setup_people(self) -> None:
        from datadam.accounts import services as accounts
        from datadam.accounts.models import User

        started = time.monotonic()
        # Set-up, not measured: accounts are made directly (password hashing would cost a minute).
        self.manager = User.objects.create(username="bench-manager", password="!")
        self.organization = accounts.organization_create(name="Bench", owner=self.manager)
        self.workers = User.objects.bulk_create(
            [User(username=f"bench-worker-{i:02d}", password="!") for i in range(WORKERS)]
        )
        self.tokens = [accounts.token_create(user=worker, name="bench")[1] for worker in self.workers]
        self.out["setup_s"]["people"] = round(time.monotonic() - started, 2)

    def new_project(self, name: str, overlap: int, members: bool = True, items_per_page: int = 1):
        from datadam.demo.loader import SCHEMA
        from datadam.projects import services as projects
        from datadam.projects.models import ProjectMembership

        project = projects.project_create(
            actor=self.manager,
            organization=self.organization,
            name=name,
            schema=SCHEMA,
            default_overlap=overlap,
            items_per_page=items_per_page,
        )
        if members:
            ProjectMembership.objects.bulk_create(
                [ProjectMembership(project=project, user=w, role=ProjectMembership.Role.LABELER) for w in self.workers]
            )
        return project

    def reviews(self) -> list[tuple[str, str]]:
        with REVIEWS.open(encoding="utf-8", newline="") as source:
            return [(row["document"], row["movie_id"]) for row in csv.DictReader(source, delimiter="\t")]

    def write_import_file(self, count: int) -> Path:
        path = self.tmp / f"items-{count}.csv"
        if path.exists():
            return path
        reviews = self.reviews()
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["id", "text", "movie_id"])
            for i in range(count):
                text, movie = reviews[i % len(reviews)]
                writer.writerow([f"r{i}", text, movie])
        return path

    def timed_import(self, project, count: int) -> dict:
        """The streaming import through the project's services, from the stored upload to published items."""
        from django.core.files import File

        from datadam.projects.imports import services as imports

        path = self.write_import_file(count)
        cpu_pg = self.pg.cpu_seconds() if self.pg else None
        cpu_own = time.process_time()
        started = time.monotonic()
        with path.open("rb") as handle:
            batch = imports.import_batch_create(
                actor=self.manager, project=project, upload=File(handle, name=path.name), file_name=path.name
            )
        batch = imports.import_batch_run(batch_id=batch.id)
        seconds = time.monotonic() - started
        imports.import_batch_raise_if_failed(batch)
        cpu = time.process_time() - cpu_own
        if self.pg:
            cpu += self.pg.cpu_seconds() - cpu_pg
        assert batch.items_created == count, (batch.items_created, count)
        return {
            "items": count,
            "file_mb": mb(path.stat().st_size),
            "seconds": round(seconds, 2),
            "items_per_second": round(count / seconds),
            "cpu_s": round(cpu, 2),
            "cpu_us_per_item": round(cpu / count * 1e6, 1),
        }

    def measure_imports(self) -> None:
        args = self.args
        self.export_project = self.new_project("bench-import-export", overlap=1, members=False)
        log(f"import {args.import_items:,} items (timed)")
        self.out["import"] = self.timed_import(self.export_project, args.import_items)
        log(f"  {self.out['import']['items_per_second']:,} items/s")
        self.small = self.new_project("bench-small", overlap=2)
        self.large = self.new_project("bench-large", overlap=2)
        self.loaded_projects += [self.small.id, self.large.id]
        self.out["import_small"] = self.timed_import(self.small, args.small_items)
        log(f"import {args.large_items:,} items into the large project")
        self.out["import_large"] = self.timed_import(self.large, args.large_items)
        log(f"  {self.out['import_large']['items_per_second']:,} items/s")
        self.paged = self.new_project("bench-pages", overlap=2, items_per_page=PAGE_SIZE)
        self.loaded_projects.append(self.paged.id)
        self.out["import_pages"] = self.timed_import(self.paged, args.page_items)

    def setup_side_projects(self) -> None:
        """Projects for the next-only and submit-only phases: a worker holds one lease per project, so
        asking for many fresh leases in a row (without submitting) needs many projects."""
        from django.db import transaction

        from datadam.projects.models import Item

        started = time.monotonic()
        per_project = WORKERS * 4 + 16  # three rounds of leases per worker, with room to spare
        reviews = self.reviews()
        self.side = []
        for n in range(self.args.side_projects):
            project = self.new_project(f"bench-side-{n:03d}", overlap=1)
            self.side.append(project.id)
        with transaction.atomic():
            batch = []
            for project_id in self.side:
                for i in range(per_project):
                    text, _movie = reviews[(project_id * 7 + i) % len(reviews)]
                    batch.append(
                        Item(
                            project_id=project_id,
                            external_id=f"s{i}",
                            data={"text": text},
                            target_overlap=1,
                            open_slots=1,
                            is_published=True,
                        )
                    )
                if len(batch) >= 5000:
                    Item.objects.bulk_create(batch)
                    batch = []
            Item.objects.bulk_create(batch)
        self.loaded_projects += self.side
        self.out["setup_s"]["side_projects"] = round(time.monotonic() - started, 1)

    # ---- export ----------------------------------------------------------------------------------

    def setup_accepted_annotations(self, count: int) -> None:
        """Set-up for the export: `count` accepted annotations, bulk inserted (not the thing measured)."""
        from django.db import transaction
        from django.utils import timezone

        from datadam.labeling.models import Annotation, Assignment
        from datadam.projects.models import Item

        started = time.monotonic()
        now = timezone.now()
        item_ids = list(Item.objects.filter(project=self.export_project).order_by("id").values_list("id", flat=True))
        if len(item_ids) < count:
            raise SystemExit(f"--export-annotations {count} needs --import-items >= {count}")
        item_ids = item_ids[:count]
        chunk = 5000
        for offset in range(0, count, chunk):
            with transaction.atomic():
                assignments = Assignment.objects.bulk_create(
                    [
                        Assignment(
                            project_id=self.export_project.id,
                            item_id=item_id,
                            worker_id=self.workers[(offset + i) % WORKERS].id,
                            status=Assignment.Status.SUBMITTED,
                            leased_at=now,
                            expires_at=now,
                            finished_at=now,
                            was_submitted=True,
                        )
                        for i, item_id in enumerate(item_ids[offset : offset + chunk])
                    ]
                )
                Annotation.objects.bulk_create(
                    [
                        Annotation(
                            assignment_id=a.id,
                            project_id=a.project_id,
                            item_id=a.item_id,
                            author_id=a.worker_id,
                            version=1,
                            result={"sentiment": "positive" if a.item_id % 3 else "negative"},
                            status=Annotation.Status.ACCEPTED,
                        )
                        for a in assignments
                    ]
                )
        Item.objects.filter(project=self.export_project).update(open_slots=0)
        self.out["setup_s"]["export_annotations"] = round(time.monotonic() - started, 1)

    def run_export(self, project_id: int, path: Path) -> dict:
        """`datadam export` in a subprocess: wall time, its own peak RSS (wait4), and the database's CPU."""
        command = self.datadam_command("export", "--as", "bench-manager", "--project", str(project_id), "-o", str(path))
        pg_before = self.pg.cpu_seconds() if self.pg else None
        pg_seen = CpuMark(dict(pg_before.by_pid)) if pg_before else None
        started = time.monotonic()
        child = subprocess.Popen(command, env=self.env, cwd=ROOT, stderr=subprocess.PIPE)
        while True:  # poll, so that the export's own database backend is read before it exits
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            if pg_seen:
                pg_seen.update(self.pg.cpu_seconds())
            time.sleep(0.05)
        seconds = time.monotonic() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        stderr = child.stderr.read().decode(errors="replace")
        child.stderr.close()
        if child.returncode != 0:
            raise RuntimeError(f"export failed: {stderr[-2000:]}")
        items = annotations = 0
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                items += 1
                annotations += len(json.loads(line)["annotations"])
        return {
            "seconds": round(seconds, 2),
            "items": items,
            "annotations": annotations,
            "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
            "cpu_s": round(usage.ru_utime + usage.ru_stime, 2),
            "db_cpu_s": round(pg_seen - pg_before, 2) if self.pg else None,
            "file_mb": mb(path.stat().st_size),
        }

    # ---- quality aggregation ---------------------------------------------------------------------

    def measure_aggregation(self) -> None:
        """`datadam quality aggregate --method auto` on the generated crowd set (bench/quality_aggregation.py,
        7,500 labels), in a subprocess: wall time and its own CPU, start-up included."""
        from quality_aggregation import crowd_write

        labels, gold = crowd_write(self.tmp)
        output = self.tmp / "crowd_out.csv"
        command = self.datadam_command(
            "quality", "aggregate", "--method", "auto", "--input", str(labels), "--gold", str(gold),
            "--output", str(output),
        )  # fmt: skip
        log("quality aggregate --method auto on 7,500 labels")
        started = time.monotonic()
        child = subprocess.Popen(command, env=self.env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        _pid, status, usage = os.wait4(child.pid, 0)
        seconds = time.monotonic() - started
        lines = child.stdout.read().decode(errors="replace").strip().splitlines()
        stderr = child.stderr.read().decode(errors="replace")
        child.stdout.close(), child.stderr.close()
        if os.waitstatus_to_exitcode(status) != 0:
            raise RuntimeError(f"quality aggregate failed: {stderr[-2000:]}")
        self.out["aggregate_auto"] = {
            "labels": sum(1 for _ in labels.open(encoding="utf-8")) - 1,
            "seconds": round(seconds, 2),
            "cpu_s": round(usage.ru_utime + usage.ru_stime, 2),
            "choice": lines[0],
            "accuracy": lines[-1],
        }
        log(f"  {seconds:.2f} s: {lines[0]}; {lines[-1]}")

    def measure_release(self) -> None:
        """bench/release_package.py on this run's database: a project of its own with --release-items accepted
        items, then the cut and the build (package, exports, report, SHA256SUMS), each in its own process."""
        from release_package import run as release_run

        count = self.args.release_items
        log(f"release: set up {count:,} accepted items, then cut and build")
        result = release_run(count, os.environ.get("DATADAM_DATABASE_URL"))
        files = result["build"].pop("files", {})
        self.out["release"] = {
            "items": count,
            "cut": result["cut"],
            "build": result["build"] | {"files": len(files), "file_mb": mb(sum(files.values()))},
        }
        log(
            f"  cut {result['cut']['seconds']} s, build {result['build']['seconds']} s "
            f"(peak {result['build']['peak_rss_mb']} MB)"
        )

    def measure_export(self) -> None:
        count = self.args.export_annotations
        log(f"set up {count:,} accepted annotations (bulk insert)")
        self.setup_accepted_annotations(count)
        empty = self.new_project("bench-export-empty", overlap=1, members=False)
        self.close_db()
        log("export: empty project (start-up baseline), then the full one")
        baseline = self.run_export(empty.id, self.tmp / "empty.jsonl")
        full = self.run_export(self.export_project.id, self.tmp / "export.jsonl")
        assert full["annotations"] == count, full
        net = max(full["seconds"] - baseline["seconds"], 1e-6)
        self.out["export"] = {
            "annotations": count,
            "empty_project": baseline,
            "full": full,
            "annotations_per_second": round(count / full["seconds"]),
            "annotations_per_second_after_start_up": round(count / net),
            "rss_growth_mb": round(full["peak_rss_mb"] - baseline["peak_rss_mb"], 1),
        }
        (self.tmp / "export.jsonl").unlink()
        export = self.out["export"]
        log(f"  {export['annotations_per_second']:,} annotations/s, RSS +{export['rss_growth_mb']} MB")

    # ---- the server ------------------------------------------------------------------------------

    def server_shape(self) -> tuple[int, int]:
        workers, threads = SERVER_SHAPE[self.database]
        return self.args.gunicorn_workers or workers, self.args.gunicorn_threads or threads

    def start_server(self, workers: int, threads: int) -> None:
        from datadam.cli import serve_command

        self.port = free_port()
        command = serve_command(f"127.0.0.1:{self.port}", workers)
        command[command.index("--threads") + 1] = str(threads)
        if self.args.no_access_log:
            at = command.index("--access-logfile")
            del command[at : at + 2]
        log_file = (self.tmp / "server.log").open("ab")
        self.server = subprocess.Popen(
            command, env=self.env, cwd=ROOT, stdout=log_file, stderr=log_file, preexec_fn=_die_with_parent
        )
        log_file.close()
        self.server_tree = ProcessTree(self.server.pid)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.server.poll() is not None:
                raise RuntimeError("the server exited at start-up; see its log")
            booted = len(self.server_tree.processes()) - 1 >= workers
            if booted and http_get_status(self.port, "/health") == 200:
                break
            time.sleep(0.2)
        else:
            raise RuntimeError("the server did not answer /health within 60 s")
        for _ in range(workers * 4):  # let every process load the app before anything is measured
            http_get_status(self.port, "/health")
        self.sampler = RssSampler(self.server_tree)
        self.sampler.start()
        kind = "gthread" if threads > 1 else "sync"
        self.out["server"] = {
            "workers": workers,
            "threads": threads,
            "worker_class": kind,
            "access_log": not self.args.no_access_log,
        }
        log(f"server up: gunicorn {workers} processes x {threads} threads ({kind})")

    def stop_server(self) -> None:
        if self.sampler:
            self.sampler.halt.set()
            self.sampler.join()
            rss = self.out.setdefault("server_rss_mb", {})
            rss["peak_total"] = max(rss.get("peak_total", 0), mb(self.sampler.peak_total))
            rss["peak_one_process"] = max(rss.get("peak_one_process", 0), mb(self.sampler.peak_single))
            per_phase = rss.setdefault("peak_total_per_phase", {})
            per_phase.update({k: mb(v) for k, v in self.sampler.per_phase.items()})
            self.sampler = None
        if self.server and self.server.poll() is None:
            self.server.send_signal(signal.SIGTERM)
            try:
                self.server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.server.kill()
                self.server.wait()
        self.server = None

    # ---- load ------------------------------------------------------------------------------------

    def wait_quiet(self) -> dict:
        """The machine is shared: wait (bounded) until other processes use less than a quarter of a core."""
        ours = [tree for tree in (self.server_tree, self.pg) if tree]
        started, others = time.monotonic(), None
        total = self.args.quiet_wait * QUIET_WAIT_RUNS
        budget = min(self.args.quiet_wait, max(0.0, total - self.waited_total))
        while True:
            busy0, mine0, own0 = busy_cpu_seconds(), [t.cpu_seconds() for t in ours], time.process_time()
            time.sleep(1.0)
            busy1, mine1, own1 = busy_cpu_seconds(), [t.cpu_seconds() for t in ours], time.process_time()
            mine = sum(after - before for before, after in zip(mine0, mine1, strict=True))
            others = max(0.0, (busy1 - busy0) - mine - (own1 - own0))
            if others < 0.25 or time.monotonic() - started >= budget:
                break
        waited = time.monotonic() - started
        self.waited_total += waited
        return {"waited_s": round(waited, 1), "other_processes_cores_busy": round(others, 2)}

    def phase(self, name: str, plan: dict, record: bool = True) -> dict:
        """Run loadgen in its own process; read the server's CPU when it opens and closes its window."""
        before = self.wait_quiet() if record else None
        plan = {"host": "127.0.0.1", "port": self.port, "result": RESULT, **plan}
        plan_path, out_path = self.tmp / f"plan-{name}.json", self.tmp / f"out-{name}.json"
        plan_path.write_text(json.dumps(plan), encoding="utf-8")
        if self.sampler:
            self.sampler.phase = name
        child = subprocess.Popen(
            [sys.executable, str(LOADGEN), str(plan_path), str(out_path)], stdout=subprocess.PIPE, text=True
        )
        limit = plan.get("warmup", 0) + plan["duration"] + PHASE_GRACE_S
        timer = threading.Timer(limit, child.kill)
        timer.start()
        marks = {}
        try:
            for line in child.stdout:
                line = line.strip()
                if line in {"WINDOW_START", "WINDOW_END"}:
                    marks[line] = (
                        self.server_tree.cpu_seconds(),
                        self.pg.cpu_seconds() if self.pg else CpuMark({}),
                        busy_cpu_seconds(),
                        time.process_time(),
                    )
            child.wait()
        finally:
            timer.cancel()
        if child.returncode != 0:
            raise RuntimeError(f"load phase {name} failed ({child.returncode})")
        report = json.loads(out_path.read_text(encoding="utf-8"))
        self.acks += report.pop("acks")
        leases = report.pop("leases")
        if "WINDOW_START" in marks and "WINDOW_END" in marks:
            (web0, db0, busy0, own0), (web1, db1, busy1, own1) = marks["WINDOW_START"], marks["WINDOW_END"]
            requests = sum(op["count"] for op in report["ops"].values())
            cpu = {"web_ms": round((web1 - web0) * 1000), "db_ms": round((db1 - db0) * 1000) if self.pg else None}
            total = (web1 - web0) + (db1 - db0)
            cpu["server_ms_per_request"] = round(total * 1000 / requests, 2) if requests else None
            cpu["web_ms_per_request"] = round((web1 - web0) * 1000 / requests, 2) if requests else None
            if report.get("loops"):
                cpu["server_ms_per_loop"] = round(total * 1000 / report["loops"], 2)
            if report["window_s"]:
                cpu["server_cores_busy"] = round(total / report["window_s"], 2)
            if requests and report.get("loadgen_cpu_ms") is not None:
                cpu["loadgen_ms_per_request"] = round(report["loadgen_cpu_ms"] / requests, 3)
            if report["window_s"]:
                # Anything else that ran on the machine meanwhile (it competes for the same 2 cores).
                others = (busy1 - busy0) - total - (report.get("loadgen_cpu_ms") or 0) / 1000 - (own1 - own0)
                cpu["other_processes_cores_busy"] = round(max(0.0, others) / report["window_s"], 2)
            report["cpu"] = cpu
        if record:
            report["before"] = before
            self.out["phases"][name] = report
            self._log_phase(name, report)
        return {**report, "leases": leases}

    def _log_phase(self, name: str, report: dict) -> None:
        parts = [f"{name}: {report['window_s']} s"]
        if report.get("loops_per_second") is not None:
            parts.append(f"{report['loops_per_second']} loops/s")
        for op, stats in report["ops"].items():
            ms = stats["ms"]
            parts.append(f"{op} {stats['per_second']}/s p50 {ms.get('p50')} p99 {ms.get('p99')} ms")
        cpu = report.get("cpu", {})
        if "server_ms_per_loop" in cpu:
            parts.append(f"{cpu['server_ms_per_loop']} server-CPU ms/loop")
        elif cpu.get("server_ms_per_request") is not None:
            parts.append(f"{cpu['server_ms_per_request']} server-CPU ms/req")
        if "server_cores_busy" in cpu:
            parts.append(
                f"cores busy: server {cpu['server_cores_busy']}, others {cpu.get('other_processes_cores_busy')}"
            )
        if report["errors"]:
            parts.append(f"errors {report['errors']}")
        log("  " + ", ".join(parts))

    def timing(self) -> dict:
        return {"warmup": self.args.warmup, "duration": self.args.duration}

    def loop_plan(self, project_id: int, clients: int, **extra) -> dict:
        specs = [{"token": self.tokens[i % WORKERS], "project": project_id} for i in range(clients)]
        return {"mode": "loop", "clients": specs, **self.timing(), **extra}

    def next_plan(self, clients: int) -> dict:
        """Every worker asks once for a fresh lease in every side project. The pairs are cut into chunks
        of CHUNK_STEPS that clients take from a shared pool; neighbouring chunks belong to different
        workers and start at different projects, so concurrent clients spread over the projects."""
        count, chunks = len(self.side), []
        for block in range(0, count, CHUNK_STEPS):
            for w in range(WORKERS):
                start = (w * count) // WORKERS + block
                steps = [
                    [self.tokens[w], self.side[(start + j) % count]] for j in range(min(CHUNK_STEPS, count - block))
                ]
                chunks.append(steps)
        return {"mode": "next", "clients": clients, "pool": chunks, **self.timing(), "stop_when_first_done": True}

    def submit_plan(self, clients: int, leases: list[list]) -> dict:
        """Submit exactly the leases the next phase took, in the order it took them. No warm-up: the
        server is warm, and there are only as many leases as the next phase made."""
        pool = [leases[i : i + CHUNK_STEPS] for i in range(0, len(leases), CHUNK_STEPS)]
        return {
            "mode": "submit",
            "clients": clients,
            "pool": pool,
            **self.timing(),
            "warmup": 0,
            "stop_when_first_done": True,
        }

    def drain(self, leases: list[list]) -> None:
        """Submit (unmeasured) every lease a timed phase left open, so the next round starts clean."""
        acked = {a[0] for a in self.acks}
        left = [pair for pair in leases if pair[1] not in acked]
        if not left:
            return
        pool = [left[i : i + CHUNK_STEPS] for i in range(0, len(left), CHUNK_STEPS)]
        plan = {
            "mode": "submit",
            "clients": WORKERS,
            "pool": pool,
            "warmup": 0,
            "duration": 120,
            "stop_when_first_done": False,
        }
        self.phase(f"drain-{len(self.acks)}", plan, record=False)

    def run_load(self) -> None:
        workers, threads = self.server_shape()
        self.start_server(workers, threads)
        try:
            health = {"mode": "get", "clients": [{"path": "/health"}] * 32, **self.timing()}
            self.phase("health_c32", health)
            for clients in (1, 8, 32):
                leases = self.phase(f"next_c{clients}", self.next_plan(clients))["leases"]
                self.phase(f"submit_c{clients}", self.submit_plan(clients, leases))
                self.drain(leases)
            self.phase("loop_small_c1", self.loop_plan(self.small.id, 1))
            self.phase("loop_large_c1", self.loop_plan(self.large.id, 1))
            self.phase("loop_small_c32", self.loop_plan(self.small.id, 32))
            self.phase("loop_large_c32", self.loop_plan(self.large.id, 32))
            # Client retries: every 10th submit is sent twice; the integrity check covers them too.
            self.phase("retries_c32", {**self.loop_plan(self.small.id, 32, retry_every=10), "warmup": 0, "duration": 3})
            self.phase("pages_c32", {**self.loop_plan(self.paged.id, 32), "mode": "pages"})
        finally:
            self.stop_server()
        for shape in filter(None, self.args.compare_servers.split(",")):
            w, t = (int(x) for x in shape.lower().split("x"))
            self.start_server(w, t)
            try:
                self.phase(f"loop_large_c32_{w}x{t}", self.loop_plan(self.large.id, 32))
            finally:
                self.stop_server()
        self.out["server"] = {
            "workers": workers,
            "threads": threads,
            "worker_class": "gthread" if threads > 1 else "sync",
            "access_log": not self.args.no_access_log,
        }

    # ---- the history check ---------------------------------------------------------------------

    def setup_history(self, clients: int, loops: int) -> tuple[int, list[int], list[str], int]:
        """The history project: `clients` labelers with tokens, 5-second leases, and enough items (bulk
        inserted, set-up) for every loop. Returns (project id, user ids, tokens, items)."""
        from django.db import transaction

        from datadam.accounts import services as accounts
        from datadam.accounts.models import User
        from datadam.projects.models import Item, Project, ProjectMembership

        if not hasattr(self, "manager"):  # --history-only: nothing else was set up
            self.manager = User.objects.create(username="bench-manager", password="!")
            self.organization = accounts.organization_create(name="Bench", owner=self.manager)
        people = User.objects.bulk_create(
            [User(username=f"bench-history-{i:03d}", password="!") for i in range(clients)]
        )
        project = self.new_project("bench-history", overlap=HISTORY_OVERLAP, members=False)
        Project.objects.filter(id=project.id).update(lease_seconds=HISTORY_LEASE_SECONDS)
        ProjectMembership.objects.bulk_create(
            [ProjectMembership(project=project, user=p, role=ProjectMembership.Role.LABELER) for p in people]
        )
        tokens = [accounts.token_create(user=person, name="bench")[1] for person in people]
        reviews, count = self.reviews(), clients * loops // HISTORY_OVERLAP + clients
        for offset in range(0, count, 5000):
            with transaction.atomic():
                Item.objects.bulk_create(
                    Item(
                        project_id=project.id,
                        external_id=f"h{i}",
                        data={"text": reviews[i % len(reviews)][0]},
                        target_overlap=HISTORY_OVERLAP,
                        open_slots=HISTORY_OVERLAP,
                        is_published=True,
                    )
                    for i in range(offset, min(count, offset + 5000))
                )
        return project.id, [p.id for p in people], tokens, count

    def measure_history(self) -> None:
        """Labelers lease, draft, submit (some twice), skip and let leases run out against the server, every
        request written down; bench/history.py then checks that history and the database (the resilience
        tests run the same module at small size)."""
        import history

        args = self.args
        if args.history_loops <= 0:
            return
        started = time.monotonic()
        project_id, user_ids, tokens, items = self.setup_history(args.history_clients, args.history_loops)
        self.out["setup_s"]["history"] = round(time.monotonic() - started, 1)
        self.close_db()
        self.start_server(*self.server_shape())
        mix = history.Mix(expire=HISTORY_EXPIRE)
        log(f"history: {args.history_clients} labelers x {args.history_loops:,} loops on {items:,} items")
        if self.sampler:
            self.sampler.phase = "history"
        web0, db0 = self.server_tree.cpu_seconds(), self.pg.cpu_seconds() if self.pg else CpuMark({})
        try:
            run = history.Run(
                base_url=f"http://127.0.0.1:{self.port}",
                project_id=project_id,
                tokens=tokens,
                loops=args.history_loops,
                max_seconds=args.history_max_seconds,
                results=[RESULT, {"sentiment": "negative"}],
                mix=mix,
                seed=1,
            ).go()
            cpu = {"server_cpu_s": round(self.server_tree.cpu_seconds() - web0, 1)}
            if self.pg:
                cpu["db_cpu_s"] = round(self.pg.cpu_seconds() - db0, 1)
        finally:
            self.stop_server()
        report = history.check(run, user_ids)
        self.close_db()
        self.out["history"] = {
            **report.counts,
            **cpu,
            "items": items,
            "overlap": HISTORY_OVERLAP,
            "lease_seconds": HISTORY_LEASE_SECONDS,
            "mix": {"skip": mix.skip, "expire": mix.expire, "draft": mix.draft, "resubmit": mix.resubmit},
            "ok": report.ok,
            "violations": len(report.violations),
            "first_violations": report.violations[:20],
        }
        counts = self.out["history"]
        log(
            f"  {counts['loops']:,} loops in {counts['seconds']} s = {counts['loops_per_second']} loops/s, "
            f"{counts['requests']:,} requests, violations: {counts['violations']}"
        )

    def history_row(self) -> dict:
        counts = self.out["history"]
        return {
            "measure": f"history check, {counts['clients']} labelers x {counts['loops']:,} loops (violations)",
            "value": counts["violations"],
            "floor": 0,
            "meets_floor": counts["ok"],
            "goal": None,
            "label_studio": None,
            "note": f"{counts['loops_per_second']} loops/s with skips, drafts, retries and expiries",
        }

    # ---- checks ----------------------------------------------------------------------------------

    def check_integrity(self) -> None:
        """No item over its overlap; every acknowledged submit stored exactly once."""
        from django.db.models import Count, F, Max, Q

        from datadam.labeling.models import Annotation, Assignment
        from datadam.projects.models import Item

        projects = self.loaded_projects
        acked: dict[int, set[int]] = {}
        statuses = {"201": 0, "200": 0}
        for assignment, annotation, status in self.acks:
            acked.setdefault(assignment, set()).add(annotation)
            statuses[str(status)] = statuses.get(str(status), 0) + 1
        ids = {i for values in acked.values() for i in values}
        stored = dict(Annotation.objects.filter(project_id__in=projects).values_list("id", "assignment_id").iterator())
        per_assignment = {}
        for _id, assignment in stored.items():
            per_assignment[assignment] = per_assignment.get(assignment, 0) + 1
        over_overlap = (
            Annotation.objects.filter(project_id__in=projects)
            .values("item_id")
            .annotate(workers=Count("assignment__worker_id", distinct=True), target=Max("item__target_overlap"))
            .filter(workers__gt=F("target"))
            .count()
        )
        live = [Assignment.Status.ACTIVE, Assignment.Status.SUBMITTED, Assignment.Status.REWORK]
        over_leased = (
            Assignment.objects.filter(project_id__in=projects, status__in=live)
            .values("item_id")
            .annotate(n=Count("id"), target=Max("item__target_overlap"))
            .filter(n__gt=F("target"))
            .count()
        )
        touched = Item.objects.filter(project_id__in=projects, assignments__isnull=False).distinct()
        slot_mismatch = sum(
            1
            for item_id, target, open_slots, n in touched.annotate(
                n=Count("assignments", filter=Q(assignments__status__in=live))
            ).values_list("id", "target_overlap", "open_slots", "n")
            if open_slots + n != target
        )
        result = {
            "acknowledged_submits": len(self.acks),
            "acknowledged_by_status": statuses,
            "acknowledged_assignments": len(acked),
            "acknowledged_ids_missing": len(ids - stored.keys()),
            "assignments_answered_with_two_ids": sum(1 for v in acked.values() if len(v) > 1),
            "acknowledged_assignments_not_stored_once": sum(1 for a in acked if per_assignment.get(a) != 1),
            "annotations_stored": len(stored),
            "stored_but_not_acknowledged": len(stored.keys() - ids),
            "items_over_target_overlap": over_overlap,
            "items_with_more_live_leases_than_overlap": over_leased,
            "items_whose_open_slots_do_not_add_up": slot_mismatch,
        }
        result["ok"] = (
            result["acknowledged_ids_missing"] == 0
            and result["assignments_answered_with_two_ids"] == 0
            and result["acknowledged_assignments_not_stored_once"] == 0
            and over_overlap == 0
            and over_leased == 0
        )
        self.out["integrity"] = result
        log(f"integrity: {'ok' if result['ok'] else 'FAILED'} {result}")
        self.close_db()

    def judge(self) -> None:
        phases, db = self.out["phases"], self.database
        loop = phases.get("loop_large_c32", {})
        scale_small = phases.get("loop_small_c1", {}).get("ops", {}).get("next", {}).get("ms", {})
        scale_large = phases.get("loop_large_c1", {}).get("ops", {}).get("next", {}).get("ms", {})
        rows = []

        def row(name, value, floor, ok, goal=None, label_studio=None, note=""):
            rows.append(
                {
                    "measure": name,
                    "value": value,
                    "floor": floor,
                    "meets_floor": ok,
                    "goal": goal,
                    "label_studio": label_studio,
                    "note": note,
                }
            )

        loops = loop.get("loops_per_second")
        row(
            "annotator loop, 32 clients (loops/s)",
            loops,
            FLOORS["loop_per_second"][db],
            loops is not None and loops >= FLOORS["loop_per_second"][db],
            GOALS["loop_per_second"][db],
            LABEL_STUDIO["loop_per_second"],
        )
        cpu = loop.get("cpu", {}).get("server_ms_per_loop")
        row(
            "server CPU per loop, 32 clients (ms)",
            cpu,
            FLOORS["server_cpu_ms_per_loop"][db],
            cpu is not None and cpu <= FLOORS["server_cpu_ms_per_loop"][db],
        )
        pages = phases.get("pages_c32", {}).get("items_per_second")
        row(
            f"items per second with task pages of {PAGE_SIZE}, 32 clients",
            pages,
            FLOORS["page_items_per_second"],
            pages is not None and pages >= FLOORS["page_items_per_second"],
        )
        for name, phase in (
            ("next-task p99, 32 clients, in the loop (ms)", loop),
            ("next-task p99, 32 clients, next only (ms)", phases.get("next_c32", {})),
        ):
            p99 = phase.get("ops", {}).get("next", {}).get("ms", {}).get("p99")
            row(
                name,
                p99,
                FLOORS["next_p99_ms_32"],
                p99 is not None and p99 <= FLOORS["next_p99_ms_32"],
                FLOORS["next_p99_ms_32"],
                LABEL_STUDIO["next_p99_ms_32"],
            )
        if scale_small.get("p50") and scale_large.get("p50"):
            ratio = round(scale_large["p50"] / scale_small["p50"], 3)
            row(
                f"next-task p50 at {self.args.large_items:,} / at {self.args.small_items:,} items (1 client)",
                ratio,
                FLOORS["scale_ratio"],
                ratio <= FLOORS["scale_ratio"],
                note="" if self.args.large_items >= 1_000_000 else "large project smaller than 1,000,000",
            )
        rate = self.out["import"]["items_per_second"]
        row(
            "import (items/s)",
            rate,
            FLOORS["import_per_second"],
            rate >= FLOORS["import_per_second"],
            GOALS["import_per_second"],
            LABEL_STUDIO["import_per_second"],
        )
        export = self.out["export"]
        row(
            "export (annotations/s, whole command)",
            export["annotations_per_second"],
            FLOORS["export_per_second"],
            export["annotations_per_second"] >= FLOORS["export_per_second"],
            GOALS["export_per_second"],
            LABEL_STUDIO["export_per_second"],
        )
        row(
            f"export peak RSS growth for {export['annotations']:,} annotations (MB)",
            export["rss_growth_mb"],
            FLOORS["export_rss_growth_mb"],
            export["rss_growth_mb"] < FLOORS["export_rss_growth_mb"],
            label_studio=LABEL_STUDIO["export_peak_rss_mb"],
            note="Label Studio: peak, not growth",
        )
        aggregated = self.out.get("aggregate_auto")
        if aggregated:
            row(
                f"quality aggregate --method auto, {aggregated['labels']:,} labels (s, whole command)",
                aggregated["seconds"],
                FLOORS["aggregate_auto_s"],
                aggregated["seconds"] < FLOORS["aggregate_auto_s"],
                note=f"CPU {aggregated['cpu_s']} s",
            )
        row(
            "integrity (acknowledged submits stored once, overlap kept)",
            self.out["integrity"]["ok"],
            True,
            self.out["integrity"]["ok"],
        )
        if "history" in self.out:
            rows.append(self.history_row())
        self.out["floors"] = rows


def print_summary(out: dict) -> None:
    print(f"\n== {out['database']} ==")
    for row in out.get("floors", []):
        mark = "ok  " if row["meets_floor"] else "MISS"
        print(f"  {mark} {row['measure']}: {row['value']} (floor {row['floor']})")
    print(f"  total {out.get('total_s')} s\n", flush=True)


if __name__ == "__main__":
    sys.exit(main())
