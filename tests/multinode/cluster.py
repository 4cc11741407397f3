"""A small site on this machine, as it runs in production: nginx with TLS (deploy/nginx.conf, the file the
deployment guide gives) in front of two `datadam serve` nodes, each with its own data folder, a `datadam worker`
beside each node, one PostgreSQL (the test's database) and an S3-compatible server (moto) for every file.

Everything listens on 127.0.0.1 (clients may come from other loopback addresses, 127.0.0.5 and so on), every
wait is bounded, and every process started here is stopped, killed if need be, on the way out.
"""

import datetime
import ipaddress
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import boto3
import psutil
import requests
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from django.db import connection
from requests.adapters import HTTPAdapter

from tests.resilience.live import free_port, port_is_closed, wait_until

ROOT = Path(__file__).resolve().parents[2]
NGINX_CONF = ROOT / "deploy" / "nginx.conf"
START_SECONDS = 120
BUCKET = "datadam-multinode"
SECRET = "multi-node-test-secret-key-the-same-on-every-node"


def self_signed_certificate(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1, valid for a day; clients trust it as their only authority."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert, private = folder / "cert.pem", folder / "key.pem"
    cert.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    private.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return cert, private


def render_nginx(site: str, *, nodes: list[int], http: int, https: int, cert: Path, key: Path) -> str:
    """deploy/nginx.conf with this test's ports and certificate. Each marked line must be found, so the file
    and the test cannot drift apart unnoticed."""
    upstreams = "".join(f"    server 127.0.0.1:{port} max_fails=1 fail_timeout=5s;\n" for port in nodes)
    rewrites: list[tuple[str, str]] = [
        (r"(?m)^    server 127\.0\.0\.1:8001 .*\n    server 127\.0\.0\.1:8002 .*\n", upstreams),
        (r"listen 80;", f"listen 127.0.0.1:{http};"),
        (r"listen 443 ssl;", f"listen 127.0.0.1:{https} ssl;"),
        (r"ssl_certificate /etc/ssl/datadam/fullchain\.pem;", f"ssl_certificate {cert};"),
        (r"ssl_certificate_key /etc/ssl/datadam/privkey\.pem;", f"ssl_certificate_key {key};"),
    ]
    for pattern, replacement in rewrites:
        site, count = re.subn(pattern, lambda _m, r=replacement: r, site)
        assert count == 1, f"deploy/nginx.conf no longer has the line the test rewrites: {pattern}"
    return site


def nginx_main(folder: Path, site: Path) -> str:
    """The few main-context lines nginx needs to run unprivileged in a folder of its own."""
    temp = folder / "temp"
    temp.mkdir(exist_ok=True)
    # As root (CI), nginx's workers would run as nobody, who cannot enter the test's private folder.
    user = "user root;\n" if os.geteuid() == 0 else ""
    return f"""{user}daemon off;
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 512; }}
http {{
    access_log {folder}/access.log;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    include {site};
}}
"""


def database_url() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


class SourceAddressAdapter(HTTPAdapter):
    """Connects from a given loopback address, so that nginx sees a client other than itself."""

    def __init__(self, address: str) -> None:
        self.address = address
        super().__init__()

    def init_poolmanager(self, *args, **kwargs) -> None:
        kwargs["source_address"] = (self.address, 0)
        super().init_poolmanager(*args, **kwargs)


@dataclass
class Process:
    name: str
    command: list[str]
    env: dict[str, str]
    log: Path
    popen: subprocess.Popen | None = None

    def start(self) -> "Process":
        with self.log.open("ab") as log:
            self.popen = subprocess.Popen(self.command, env=self.env, cwd=ROOT, stdout=log, stderr=log, process_group=0)
        return self

    def kill(self) -> None:
        """SIGKILL the whole process group at once, as a machine's power cut would."""
        if self.popen is None:
            return
        try:
            os.killpg(self.popen.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.popen.wait(timeout=10)

    def stop(self) -> None:
        if self.popen is None or self.popen.poll() is not None:
            return
        try:
            os.killpg(self.popen.pid, signal.SIGTERM)
            self.popen.wait(timeout=10)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            self.kill()

    def log_tail(self) -> str:
        return self.log.read_text(errors="replace")[-1500:] if self.log.exists() else ""


@dataclass
class Cluster:
    folder: Path
    web_processes: int = 2
    s3_port: int = field(default_factory=free_port)
    http_port: int = field(default_factory=free_port)
    https_port: int = field(default_factory=free_port)
    node_ports: list[int] = field(default_factory=lambda: [free_port(), free_port()])
    processes: dict[str, Process] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self.https_port}"

    @property
    def s3_endpoint(self) -> str:
        return f"http://127.0.0.1:{self.s3_port}"

    def node_env(self, data_dir: Path, port: int) -> dict[str, str]:
        data_dir.mkdir(parents=True, exist_ok=True)
        env = {key: value for key, value in os.environ.items() if not key.startswith(("DATADAM_", "DJANGO_"))}
        return {
            **env,
            "PYTHONPATH": str(ROOT),
            "DJANGO_SETTINGS_MODULE": "tests.multinode.node_settings",
            "DATADAM_DATA_DIR": str(data_dir),
            "DATADAM_DATABASE_URL": database_url(),
            "DATADAM_DB_CONN_MAX_AGE": "0",
            "DATADAM_SECRET_KEY": SECRET,
            "DATADAM_HTTPS": "true",
            "DATADAM_TRUSTED_PROXIES": "127.0.0.1",
            "DATADAM_ALLOWED_HOSTS": "127.0.0.1",
            "DATADAM_CSRF_TRUSTED_ORIGINS": self.url,
            "DATADAM_S3_ENDPOINT_URL": self.s3_endpoint,
            "DATADAM_S3_ACCESS_KEY": "testing",
            "DATADAM_S3_SECRET_KEY": "testing",
            "DATADAM_S3_MEDIA_BUCKET": BUCKET,
            "DATADAM_LOGIN_MAX_FAILURES": "3",
            "DATADAM_BIND": f"127.0.0.1:{port}",
            "DATADAM_WEB_PROCESSES": str(self.web_processes),
            "DATADAM_LOG_LEVEL": "WARNING",
            "GUNICORN_CMD_ARGS": "--timeout 120",
            # A worker beats every second and is given up for lost after 4 s, so a killed worker's job moves on
            # quickly; jobs wait at their pause points while the test kills a worker (datadam/operations/pause.py).
            "DATADAM_WORKER_BEAT_SECONDS": "1",
            "DATADAM_WORKER_LOST_SECONDS": "4",
            "DATADAM_TEST_PAUSE_DIR": str(self.pause_dir),
        }

    @property
    def pause_dir(self) -> Path:
        return self.folder / "pause"

    def start(self) -> "Cluster":
        self.pause_dir.mkdir(exist_ok=True)
        (self.pause_dir / "export-done.go").touch()  # exports run straight through; release builds wait
        self._start_s3()
        datadam = [sys.executable, "-m", "datadam.cli"]
        for index, port in enumerate(self.node_ports):
            name = "ab"[index]
            env = self.node_env(self.folder / f"node-{name}", port)
            self._add(f"web-{name}", [*datadam, "serve"], env)
            self._add(
                f"worker-{name}",
                [*datadam, "worker", "--interval", "0.2", "--no-startup-delay", "--worker-id", f"worker-{name}"],
                env,
            )
        self._start_nginx()
        for port in self.node_ports:
            self._wait(f"node on port {port}", lambda p=port: _health(f"http://127.0.0.1:{p}/health") == 200)
        self._wait("nginx", lambda: _health(f"http://127.0.0.1:{self.http_port}/health") == 200)
        return self

    def _add(self, name: str, command: list[str], env: dict[str, str]) -> Process:
        self.processes[name] = Process(name, command, env, self.folder / f"{name}.log").start()
        return self.processes[name]

    def _wait(self, what: str, ready: Callable[[], bool]) -> None:
        def ready_or_dead() -> bool:
            return ready() or any(p.popen.poll() is not None for p in self.processes.values())

        if not wait_until(ready_or_dead, START_SECONDS, 0.2) or not ready():
            dead = [p for p in self.processes.values() if p.popen.poll() is not None]
            detail = "\n".join(f"--- {p.name}:\n{p.log_tail()}" for p in dead) or "it did not answer in time"
            raise RuntimeError(f"{what} did not start: {detail}")

    def _start_s3(self) -> None:
        binary = Path(sys.executable).with_name("moto_server")
        command = [str(binary) if binary.exists() else "moto_server", "-H", "127.0.0.1", "-p", str(self.s3_port)]
        self._add("s3", command, dict(os.environ))
        self._wait("moto_server", lambda: not port_is_closed(self.s3_port))
        self.s3_client().create_bucket(Bucket=BUCKET)

    def s3_client(self):
        return boto3.client(
            "s3",
            endpoint_url=self.s3_endpoint,
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
            region_name="us-east-1",
        )

    def _start_nginx(self) -> None:
        folder = self.folder / "nginx"
        folder.mkdir()
        cert, key = self_signed_certificate(folder)
        self.certificate = cert
        site = folder / "datadam.conf"
        site.write_text(
            render_nginx(
                NGINX_CONF.read_text(),
                nodes=self.node_ports,
                http=self.http_port,
                https=self.https_port,
                cert=cert,
                key=key,
            )
        )
        main = folder / "nginx.conf"
        main.write_text(nginx_main(folder, site))
        binary = shutil.which("nginx") or "/usr/sbin/nginx"
        self._add("nginx", [binary, "-c", str(main), "-e", str(folder / "error.log")], dict(os.environ))

    def session(self, source: str = "127.0.0.1", token: str | None = None) -> requests.Session:
        """A client of the site through nginx, trusting its certificate, connecting from `source`."""
        session = requests.Session()
        session.verify = str(self.certificate)
        session.trust_env = False  # else REQUESTS_CA_BUNDLE would replace the certificate, and proxies apply
        session.mount("https://", SourceAddressAdapter(source))
        if token:
            session.headers["Authorization"] = f"Bearer {token}"
        return session

    def served_by(self, node: str, path_fragment: str) -> int:
        """How many requests whose path holds `path_fragment` the node's access log shows."""
        log = self.processes[f"web-{node}"].log.read_text(errors="replace")
        return sum(1 for line in log.splitlines() if path_fragment in line and '"' in line)

    def web_cpu_seconds(self) -> float:
        """CPU used so far by both nodes' web processes (gunicorn masters and workers)."""
        total = 0.0
        for node in "ab":
            process = self.processes.get(f"web-{node}")
            if process is None or process.popen.poll() is not None:
                continue
            try:
                parent = psutil.Process(process.popen.pid)
                for each in [parent, *parent.children(recursive=True)]:
                    times = each.cpu_times()
                    total += times.user + times.system
            except psutil.Error:
                continue
        return total

    def stop(self) -> None:
        for process in reversed(list(self.processes.values())):
            process.stop()
        for process in self.processes.values():
            if process.popen is not None and process.popen.poll() is None:
                process.kill()


def _health(url: str) -> int | None:
    try:
        return requests.get(url, timeout=2).status_code
    except requests.RequestException:
        return None


def wait_for(fetch: Callable[[], dict], done: Callable[[dict], bool], seconds: float) -> dict:
    """Poll until `done(answer)`; the last answer either way."""
    deadline = time.monotonic() + seconds
    answer = fetch()
    while not done(answer) and time.monotonic() < deadline:
        time.sleep(0.3)
        answer = fetch()
    return answer
