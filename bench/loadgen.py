"""A small load generator: HTTP/1.1 over raw asyncio streams, one keep-alive connection per simulated worker.

It runs in its own process so that its CPU is not the server's, and it does as little as it can per
request: request bytes are built once per client, responses are parsed with one header search and a
Content-Length read, and only the JSON bodies that carry an id we need are decoded.

Usage: python bench/loadgen.py PLAN.json OUT.json

The plan (written by bench/run.py) says:
  host, port            where the server listens (127.0.0.1 only)
  mode                  "loop":   each client repeats next task -> submit on its project
                        "next":   each client asks for the next task along a list of (token, project)
                        "submit": each client submits along a list of (token, assignment id)
                        "pages":  each client repeats lease a task page -> submit the page (items_per_page > 1)
  clients               loop/pages/get: one entry per concurrent client:
                          loop, pages: {"token": ..., "project": id}
                          get:    {"path": "/health"}  (a baseline: the stack's cost without the app's work)
                        next/submit: how many concurrent clients take chunks of steps from `pool`
  pool                  next/submit: chunks of steps, [[token, project or assignment id], ...]; a client
                        takes the next chunk when it finished one, so no client idles while others work
  warmup, duration      seconds: nothing is counted during the warm-up; no request starts after both
  result                the label sent with every submit, e.g. {"sentiment": "positive"}
  retry_every           loop mode: send every Nth submit twice (a client retry); 0 = never
  stop_when_first_done  next/submit: the measured window ends when the pool is empty, so the figures
                        are for the full number of concurrent clients

While running it prints WINDOW_START and WINDOW_END on standard output (so the caller can read the
server's CPU counters at those moments) and writes OUT.json at the end: per-operation counts,
statuses, latency percentiles, the window length, its own CPU time, and every acknowledged submit and
every lease it was given (for the caller's integrity checks).
"""

import asyncio
import json
import os
import socket
import sys
import time

HARD_STOP_AFTER_DEADLINE = 30.0  # seconds: a request still open this long after the deadline is abandoned
REQUEST_TIMEOUT = 60.0


class HttpError(Exception):
    pass


class Connection:
    """One keep-alive HTTP/1.1 connection. Reconnects on its own when the server closes it."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None
        self.host_header = f"Host: {host}:{port}\r\n".encode()
        self.connects = 0

    async def _open(self) -> None:
        self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        sock = self.writer.get_extra_info("socket")
        if sock is not None:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.connects += 1

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None

    async def request(self, head: bytes, body: bytes) -> tuple[int, bytes]:
        """Send one request (head already holds every header but Host) and read the whole response."""
        if self.writer is None:
            await self._open()
        self.writer.write(b"".join((head, self.host_header, b"Content-Length: %d\r\n\r\n" % len(body), body)))
        try:
            header = await self.reader.readuntil(b"\r\n\r\n")
        except (asyncio.IncompleteReadError, ConnectionError):
            self.close()
            raise HttpError("connection closed before the response") from None
        status = int(header[9:12])
        lower = header.lower()
        at = lower.find(b"\r\ncontent-length:")
        if at >= 0:
            end = lower.index(b"\r\n", at + 2)
            body_in = await self.reader.readexactly(int(lower[at + 17 : end]))
        elif b"\r\ntransfer-encoding: chunked" in lower:
            body_in = await self._read_chunked()
        elif status == 204 or status == 304 or 100 <= status < 200:
            body_in = b""
        else:
            body_in = await self.reader.read()
            self.close()
            return status, body_in
        if b"\r\nconnection: close" in lower:
            self.close()
        return status, body_in

    async def _read_chunked(self) -> bytes:
        parts = []
        while True:
            size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
            if size == 0:
                await self.reader.readuntil(b"\r\n")
                return b"".join(parts)
            parts.append(await self.reader.readexactly(size))
            await self.reader.readexactly(2)


def _head(method: str, path: str, token: str) -> bytes:
    return (
        f"{method} {path} HTTP/1.1\r\n"
        f"Authorization: Bearer {token}\r\n"
        "Content-Type: application/json\r\n"
        "Accept: application/json\r\n"
    ).encode()


class Run:
    def __init__(self, plan: dict) -> None:
        self.plan = plan
        self.host, self.port = plan["host"], int(plan["port"])
        if self.host not in {"127.0.0.1", "localhost", "::1"}:
            raise SystemExit("loadgen only loads 127.0.0.1")
        self.submit_body = json.dumps({"result": plan.get("result", {})}).encode()
        self.retry_every = int(plan.get("retry_every", 0))
        self.measuring = False
        self.stop = False
        self.stopped = asyncio.Event()
        self.latencies: dict[str, list[float]] = {}
        self.statuses: dict[str, dict[str, int]] = {}
        self.errors: dict[str, int] = {}
        self.loops = 0
        self.items = 0  # page mode: items acknowledged in the window
        self.acks: list[list] = []  # [assignment id, annotation id, http status]
        self.leases: list[list] = []  # [token, assignment id] (next mode)
        self.pool: list = []
        self.window_ends_at: float | None = None
        self.submits = 0

    def _count(self, op: str, status: int, seconds: float) -> None:
        if not self.measuring:
            return
        self.latencies.setdefault(op, []).append(seconds)
        by_status = self.statuses.setdefault(op, {})
        by_status[str(status)] = by_status.get(str(status), 0) + 1

    def _error(self, op: str, reason: str) -> None:
        key = f"{op}: {reason}"
        self.errors[key] = self.errors.get(key, 0) + 1

    async def _call(self, conn: Connection, op: str, head: bytes, body: bytes) -> tuple[int, bytes] | None:
        started = time.perf_counter()
        try:
            status, answer = await asyncio.wait_for(conn.request(head, body), REQUEST_TIMEOUT)
        except (TimeoutError, HttpError, ConnectionError, OSError, ValueError) as exc:
            conn.close()
            self._error(op, type(exc).__name__)
            return None
        self._count(op, status, time.perf_counter() - started)
        return status, answer

    async def _submit(self, conn: Connection, token: str, assignment: int, op: str = "submit") -> bool:
        head = _head("POST", f"/api/v1/assignments/{assignment}/submit", token)
        answer = await self._call(conn, op, head, self.submit_body)
        if answer is None:
            return False
        status, body = answer
        if status in (200, 201):
            self.acks.append([assignment, json.loads(body)["id"], status])
            return True
        self._error(op, f"HTTP {status}")
        return False

    async def _next(self, conn: Connection, token: str, project: int) -> int | None | bool:
        """The leased assignment id; None when nothing is left (204); False on an error."""
        head = _head("POST", f"/api/v1/projects/{project}/tasks/next", token)
        answer = await self._call(conn, "next", head, b"")
        if answer is None:
            return False
        status, body = answer
        if status == 204:
            return None
        if status == 200:
            return json.loads(body)["id"]
        self._error("next", f"HTTP {status}")
        return False

    async def loop_client(self, spec: dict) -> None:
        conn = Connection(self.host, self.port)
        token, project = spec["token"], int(spec["project"])
        try:
            while not self.stop:
                assignment = await self._next(conn, token, project)
                if assignment is None:
                    self._error("next", "no task left (204)")
                    return
                if assignment is False:
                    await asyncio.sleep(0.05)
                    continue
                ok = await self._submit(conn, token, assignment)
                self.submits += 1
                if ok and self.retry_every and self.submits % self.retry_every == 0:
                    await self._submit(conn, token, assignment, op="submit_retry")
                if ok and self.measuring:
                    self.loops += 1
        finally:
            conn.close()

    async def page_client(self, spec: dict) -> None:
        """The loop with task pages: lease a page, answer every item on it, submit the page in one request."""
        conn = Connection(self.host, self.port)
        token, project = spec["token"], int(spec["project"])
        try:
            while not self.stop:
                tasks = await self._page_next(conn, token, project)
                if tasks is None:
                    self._error("page_next", "no task left (204)")
                    return
                if tasks is False:
                    await asyncio.sleep(0.05)
                    continue
                stored = await self._page_submit(conn, token, project, tasks)
                if stored and self.measuring:
                    self.loops += 1
                    self.items += stored
        finally:
            conn.close()

    async def _page_next(self, conn: Connection, token: str, project: int) -> list[int] | None | bool:
        """The page's assignment ids; None when nothing is left (204); False on an error."""
        head = _head("POST", f"/api/v1/projects/{project}/pages/next", token)
        answer = await self._call(conn, "page_next", head, b"")
        if answer is None:
            return False
        status, body = answer
        if status == 204:
            return None
        if status == 200:
            return [task["id"] for task in json.loads(body)["tasks"]]
        self._error("page_next", f"HTTP {status}")
        return False

    async def _page_submit(self, conn: Connection, token: str, project: int, tasks: list[int]) -> int:
        """How many of the page's answers the server acknowledged as stored (now or by an earlier try)."""
        result = self.plan.get("result", {})
        body = json.dumps({"answers": [{"assignment_id": task, "result": result} for task in tasks]}).encode()
        head = _head("POST", f"/api/v1/projects/{project}/pages/submit", token)
        answer = await self._call(conn, "page_submit", head, body)
        if answer is None:
            return 0
        status, raw = answer
        if status not in (200, 201):
            self._error("page_submit", f"HTTP {status}")
            return 0
        outcome = json.loads(raw)
        for kind, code in (("stored", 201), ("already", 200)):
            self.acks += [[annotation["assignment_id"], annotation["id"], code] for annotation in outcome[kind]]
        return len(outcome["stored"]) + len(outcome["already"])

    async def get_client(self, spec: dict) -> None:
        conn = Connection(self.host, self.port)
        head = f"GET {spec['path']} HTTP/1.1\r\nAccept: application/json\r\n".encode()
        try:
            while not self.stop:
                answer = await self._call(conn, "get", head, b"")
                if answer is None:
                    await asyncio.sleep(0.05)
                elif answer[0] != 200:
                    self._error("get", f"HTTP {answer[0]}")
        finally:
            conn.close()

    async def pool_client(self) -> None:
        """Takes chunks of steps from the shared pool until it is empty, so fast clients do more."""
        conn = Connection(self.host, self.port)
        mode = self.plan["mode"]
        try:
            while not self.stop:
                if not self.pool:
                    if self.plan.get("stop_when_first_done", True):
                        self._set_stop()
                    return
                for token, target in self.pool.pop():
                    if self.stop:
                        return
                    if mode == "next":
                        assignment = await self._next(conn, token, int(target))
                        if assignment:
                            self.leases.append([token, assignment])
                    else:
                        await self._submit(conn, token, int(target))
        finally:
            conn.close()

    def _set_stop(self) -> None:
        """No new request starts; the measured window (if open) ends now."""
        if self.stop:
            return
        self.stop = True
        self.stopped.set()
        if self.measuring:
            self.window_ends_at = time.monotonic()
            self._window(start=False)

    async def clock(self) -> None:
        warmup, duration = float(self.plan.get("warmup", 0)), float(self.plan["duration"])
        try:
            await asyncio.wait_for(self.stopped.wait(), warmup)
            return  # every client ran out during the warm-up
        except TimeoutError:
            pass
        self._window(start=True)
        try:
            await asyncio.wait_for(self.stopped.wait(), duration)
        except TimeoutError:
            self._set_stop()

    def _window(self, start: bool) -> None:
        if start:
            self.measuring = True
            self.window_started_at = time.monotonic()
            self.cpu_at_start = os.times()
            print("WINDOW_START", flush=True)
        else:
            self.measuring = False
            self.cpu_at_end = os.times()
            print("WINDOW_END", flush=True)

    async def main(self) -> dict:
        self.window_started_at = None
        mode = self.plan["mode"]
        if mode == "loop":
            clients = [self.loop_client(spec) for spec in self.plan["clients"]]
        elif mode == "pages":
            clients = [self.page_client(spec) for spec in self.plan["clients"]]
        elif mode == "get":
            clients = [self.get_client(spec) for spec in self.plan["clients"]]
        else:
            self.pool = list(reversed(self.plan["pool"]))  # taken from the end: first chunk first
            clients = [self.pool_client() for _ in range(int(self.plan["clients"]))]
        tasks = [asyncio.ensure_future(c) for c in clients]
        clock = asyncio.ensure_future(self.clock())
        hard_limit = float(self.plan.get("warmup", 0)) + float(self.plan["duration"]) + HARD_STOP_AFTER_DEADLINE
        done, pending = await asyncio.wait(tasks, timeout=hard_limit)
        for task in pending:
            task.cancel()
            self._error("client", "abandoned at the hard stop")
        for task in done:
            if task.exception() is not None:
                self._error("client", repr(task.exception()))
        self._set_stop()
        await clock
        if self.window_started_at is None:  # every client ran out during the warm-up
            return self._report(0.0)
        return self._report(self.window_ends_at - self.window_started_at)

    def _report(self, window: float) -> dict:
        ops = {}
        for op, values in self.latencies.items():
            values.sort()
            ops[op] = {
                "count": len(values),
                "per_second": round(len(values) / window, 2) if window else None,
                "statuses": self.statuses.get(op, {}),
                "ms": _percentiles(values),
            }
        looping = self.plan["mode"] in {"loop", "pages"}
        own_cpu = None
        if hasattr(self, "cpu_at_end"):
            start, end = self.cpu_at_start, self.cpu_at_end
            own_cpu = round((end.user + end.system - start.user - start.system) * 1000, 1)
        return {
            "mode": self.plan["mode"],
            "clients": self.plan["clients"] if isinstance(self.plan["clients"], int) else len(self.plan["clients"]),
            "window_s": round(window, 3),
            "ops": ops,
            "loops": self.loops if looping else None,
            "loops_per_second": round(self.loops / window, 2) if looping and window else None,
            "items_per_second": round(self.items / window, 2) if self.plan["mode"] == "pages" and window else None,
            "errors": self.errors,
            "loadgen_cpu_ms": own_cpu,
            "acks": self.acks,
            "leases": self.leases,
        }


def _percentiles(values: list[float]) -> dict:
    if not values:
        return {}

    def pick(fraction: float) -> float:
        return round(values[min(len(values) - 1, int(fraction * len(values)))] * 1000, 2)

    return {
        "mean": round(sum(values) / len(values) * 1000, 2),
        "p50": pick(0.50),
        "p95": pick(0.95),
        "p99": pick(0.99),
        "max": round(values[-1] * 1000, 2),
    }


def main() -> int:
    plan_path, out_path = sys.argv[1], sys.argv[2]
    with open(plan_path, encoding="utf-8") as handle:
        plan = json.load(handle)
    report = asyncio.run(Run(plan).main())
    with open(out_path, "w", encoding="utf-8") as handle:
        json.dump(report, handle)
    return 0


if __name__ == "__main__":
    sys.exit(main())
