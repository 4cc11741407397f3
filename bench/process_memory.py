"""Memory of Datadam's processes: idle and peak PSS of each web process and of the task worker.

Usage: python bench/process_memory.py [--requests 300] [--web-processes 2] [--data-dir DIR]

A fresh data folder is migrated and the demo programme loaded (as `datadam demo` does; --data-dir reuses a
folder where that was done). Then `datadam serve` (2 web processes, as in the demo, forked from a master
that loaded the app) and `datadam worker` start on 127.0.0.1. PSS (psutil's memory_full_info: shared pages
split between the processes sharing them) is read at three moments: idle after start-up, the peak while a
manager and a labeler request every page their home pages link to (N requests in all, two clients at once),
and idle again afterwards; the web server's total (master and web processes) beside them. A fresh
interpreter also imports the URL configuration alone and reports its modules, seconds and peak RSS.
Figures go to bench/results/process_memory.json, with one line per floor, met or missed.
"""

import argparse
import http.cookiejar
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import psutil
from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "process_memory.json"
DATADAM = [sys.executable, "-m", "datadam.cli"]
FLOOR_IDLE_WEB_MB = 80
LOGINS = ("manager", "labeler1")
PASSWORD = "datadam-demo"
SKIP = re.compile(r"logout|/static/|/media/|/api/|download|export|\.(zip|csv|json|jsonl|parquet)$")
URLCONF_PROBE = (
    "import resource, sys, time; t = time.perf_counter(); import django; django.setup(); "
    "from django.urls import get_resolver; get_resolver().url_patterns; "
    "print(len(sys.modules), round(time.perf_counter() - t, 2), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
)


def mb(value: float) -> float:
    return round(value / 2**20, 1)


def pss(process: psutil.Process) -> int:
    try:
        return process.memory_full_info().pss
    except psutil.Error:
        return 0


def rss(process: psutil.Process) -> int:
    try:
        return process.memory_info().rss
    except psutil.Error:
        return 0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Client:
    """A browser-like session: cookies, the CSRF token, and the site's own links."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, path: str) -> tuple[int, str]:
        try:
            with self.opener.open(self.base + path, timeout=60) as answer:
                kind = answer.headers.get("Content-Type", "")
                return answer.status, answer.read().decode() if "html" in kind else ""
        except urllib.error.HTTPError as error:
            return error.code, ""

    def login(self, username: str) -> None:
        _status, page = self.get("/accounts/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        form = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "username": username, "password": PASSWORD})
        request = urllib.request.Request(
            self.base + "/accounts/login/", data=form.encode(), headers={"Referer": self.base + "/accounts/login/"}
        )
        self.opener.open(request, timeout=60).read()

    def crawl(self, budget: int, counts: dict) -> None:
        """GET pages breadth-first from the home page, each page once, until `budget` requests were made."""
        queue, seen = ["/"], {"/"}
        while queue and budget > 0:
            path = queue.pop(0)
            status, page = self.get(path)
            counts[status] = counts.get(status, 0) + 1
            budget -= 1
            for link in re.findall(r'href="(/[^"#]*)"', page):
                link = link.replace("&amp;", "&")
                if link not in seen and not SKIP.search(link):
                    seen.add(link)
                    queue.append(link)
            if not queue:  # every page seen: go round again, as people do
                queue = sorted(seen)


class Sampler(threading.Thread):
    """Reads every process's PSS a few times a second and keeps each one's highest."""

    def __init__(self, processes: dict[str, psutil.Process]) -> None:
        super().__init__(daemon=True)
        self.processes, self.peak, self.stop = processes, dict.fromkeys(processes, 0), threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            for name, process in self.processes.items():
                self.peak[name] = max(self.peak[name], pss(process))
            self.stop.wait(0.2)


def urlconf_import(env: dict) -> dict:
    done = subprocess.run([sys.executable, "-c", URLCONF_PROBE], env=env, capture_output=True, text=True, check=True)
    modules, seconds, max_rss_kb = done.stdout.split()
    return {"modules": int(modules), "seconds": float(seconds), "max_rss_mb": round(int(max_rss_kb) / 1024, 1)}


def field_key(data_dir: Path) -> str:
    """The demo's key for encrypted fields, kept in its data folder as `datadam demo` keeps it."""
    path = data_dir / "demo-field-key"
    if not path.exists():
        path.write_text(Fernet.generate_key().decode())
    return path.read_text().strip()


def prepare(data_dir: Path, env: dict) -> None:
    if (data_dir / "datadam.sqlite3").exists():
        return
    subprocess.run([*DATADAM, "migrate", "--noinput", "-v", "0"], env=env, check=True)
    load = "from datadam.demo.loader import demo_load; demo_load()"
    subprocess.run([*DATADAM, "shell", "-c", load], env=env, check=True, stdout=subprocess.DEVNULL)


def wait_for(port: int, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=5) as answer:
                if answer.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise RuntimeError("the server did not answer /health")


def named_processes(server: subprocess.Popen, worker: subprocess.Popen, web: int) -> dict[str, psutil.Process]:
    master = psutil.Process(server.pid)
    deadline = time.monotonic() + 60
    while len(master.children()) < web and time.monotonic() < deadline:
        time.sleep(0.2)
    web = sorted(master.children(), key=lambda process: process.pid)
    named = {f"web_{number}": process for number, process in enumerate(web, 1)}
    return {**named, "web_master": master, "task_worker": psutil.Process(worker.pid)}


def snapshot(processes: dict[str, psutil.Process]) -> dict:
    return {name: {"pss_mb": mb(pss(process)), "rss_mb": mb(rss(process))} for name, process in processes.items()}


def measure(env: dict, requests: int, web_processes: int) -> dict:
    port = free_port()
    env = {**env, "DATADAM_BIND": f"127.0.0.1:{port}", "DATADAM_WEB_PROCESSES": str(web_processes)}
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    server = subprocess.Popen([*DATADAM, "serve"], env=env, **quiet)
    worker = subprocess.Popen([*DATADAM, "worker"], env=env, **quiet)
    try:
        started = time.monotonic()
        wait_for(port)
        ready_s = round(time.monotonic() - started, 1)
        processes = named_processes(server, worker, web_processes)
        time.sleep(5)
        idle = snapshot(processes)
        sampler, counts = Sampler(processes), {}
        sampler.start()
        clients = [Client(f"http://127.0.0.1:{port}") for _ in LOGINS]
        threads = []
        for client, username in zip(clients, LOGINS, strict=True):
            client.login(username)
            threads.append(threading.Thread(target=client.crawl, args=(requests // len(clients), counts)))
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        sampler.stop.set()
        sampler.join()
        time.sleep(5)
        after = snapshot(processes)
        peak = {name: max(mb(value), after[name]["pss_mb"]) for name, value in sampler.peak.items()}
        return {
            "web_processes": web_processes,
            "server_ready_s": ready_s,
            "requests": sum(counts.values()),
            "statuses": counts,
            "idle_after_start": idle,
            "peak_pss_mb": peak,
            "idle_after_requests": after,
            "web_tree_pss_mb": {
                moment: web_tree(figures) for moment, figures in (("after_start", idle), ("after_requests", after))
            },
        }
    finally:
        for child in (server, worker):
            child.terminate()
        for child in (server, worker):
            child.wait(timeout=60)


def web_tree(snapshot_: dict) -> float:
    """PSS of the whole web server: its master and every web process (PSS adds up, RSS would not)."""
    return round(sum(row["pss_mb"] for name, row in snapshot_.items() if name.startswith("web_")), 1)


def floors(figures: dict) -> list[dict]:
    web = [name for name in figures["idle_after_start"] if re.fullmatch(r"web_\d+", name)]
    moments = ("idle_after_start", "idle_after_requests")
    worst = max(figures[moment][name]["pss_mb"] for name in web for moment in moments)
    met = worst <= FLOOR_IDLE_WEB_MB
    return [{"measure": "idle PSS of one web process (MB)", "value": worst, "floor": FLOOR_IDLE_WEB_MB, "met": met}]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument(
        "--web-processes", type=int, default=2, help="2 as in the demo; serve's default is cores + 1"
    )
    parser.add_argument("--data-dir", type=Path, help="a data folder where the demo is already loaded")
    args = parser.parse_args(argv)
    scratch = None if args.data_dir else Path(tempfile.mkdtemp(prefix="datadam-memory-"))
    data_dir = args.data_dir or scratch
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATADAM_DATABASE_URL", "DATADAM_S3_"))}
    env |= {
        "DATADAM_DATA_DIR": str(data_dir),
        "DATADAM_DEBUG": "0",
        "DATADAM_LOG_LEVEL": "WARNING",
        "DJANGO_SETTINGS_MODULE": "datadam.settings",
    }
    env.setdefault("DATADAM_SECRET_KEY", secrets.token_urlsafe(40))
    env.setdefault("DATADAM_FIELD_KEY", field_key(data_dir))
    try:
        prepare(data_dir, env)
        figures = {"urlconf_import": urlconf_import(env), **measure(env, args.requests, args.web_processes)}
    finally:
        if scratch:
            shutil.rmtree(scratch, ignore_errors=True)
    figures["floors"] = floors(figures)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n")
    print(json.dumps({key: figures[key] for key in ("urlconf_import", "peak_pss_mb")}))
    for name, row in figures["idle_after_requests"].items():
        start = figures["idle_after_start"][name]
        print(
            f"{name:12} idle PSS {start['pss_mb']:6.1f} MB after start, {row['pss_mb']:6.1f} MB after requests, "
            f"peak {figures['peak_pss_mb'][name]:6.1f} MB (RSS {row['rss_mb']:.1f} MB)"
        )
    print(f"web server (master + {args.web_processes} web processes) PSS: {figures['web_tree_pss_mb']}")
    for row in figures["floors"]:
        print(f"floor {'met' if row['met'] else 'MISSED'}: {row['measure']} {row['value']} ≤ {row['floor']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
