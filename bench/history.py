"""Labelers against a live server, with every request written down, and a checker that proves from that
history and the database that nothing went wrong.

Each client is a thread with its own API token. A loop is: lease the next task, then one of

  submit        (sometimes after saving a draft; sometimes sent twice, as a client retrying)
  skip          (the item must never come back to this person)
  expire        (save a draft, outwait the lease, then submit: the server answers 409 and keeps the answer
                as the draft)

A request that gets no answer (the connection was refused or cut: a web process died) is sent again, the
same request, until it is answered or the run's time is up. Every attempt is recorded: what was asked,
what came back (or that nothing did), and when.

`check()` then reads the history and the project's rows and reports every violation of:

  - hand-out:    no item is held by more people at once than its overlap (from the history's times, taken so
                 that only a certain overlap counts), nor has more live leases or annotations in the database;
  - storage:     every acknowledged submit (201 or 200) is stored exactly once, with the answer sent, by its
                 author; a retried submit is answered with the same annotation; nothing is stored that nobody
                 submitted; a late submit (409) stored nothing and kept the answer as the draft;
  - no return:   nobody gets an item a second time (after a skip, an expiry, or at all);
  - no 5xx:      the server never answered with an error of its own.

Used by tests/resilience (small sizes, with web processes killed mid-way) and by `make bench` (bench/run.py,
full size). The clients talk to 127.0.0.1 only, and every loop is bounded in count and in time.
"""

import random
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime

import requests

CONNECT_TIMEOUT_S = 3.0
READ_TIMEOUT_S = 30.0
RETRY_PAUSE_S = (0.05, 0.5)  # first and longest pause between attempts of a request that got no answer
EXPIRY_MARGIN_S = 0.3  # how long past the lease's end a client waits before its late submit
LIVE = ("active", "submitted", "rework")


@dataclass(frozen=True)
class Mix:
    """How often each path of the loop is taken (the rest of the time: a plain submit)."""

    skip: float = 0.1
    expire: float = 0.03
    draft: float = 0.25  # of the submits: save a draft first
    resubmit: float = 0.1  # of the submits: send it twice


@dataclass(slots=True)
class Event:
    """One attempt of one request. status None: no answer came back (refused, cut, or timed out)."""

    client: int
    op: str  # next, draft, submit, skip
    target: int  # next: the project; otherwise the assignment
    started: float  # time.time() when the request was sent
    ended: float  # when its answer (or the failure) came back
    status: int | None
    answer: dict  # the fields the checker needs: ids, item, expires_at, detail
    sent: dict | None = None  # the result sent (draft, submit)


@dataclass
class Run:
    """A load run: where, who, how much. Call `go()`; read `events`, `loops` and `seconds` afterwards."""

    base_url: str
    project_id: int
    tokens: list[str]
    loops: int
    max_seconds: float
    results: list[dict]
    mix: Mix = field(default_factory=Mix)
    seed: int = 0
    events: list[Event] = field(default_factory=list)
    loops_done: int = 0
    seconds: float = 0.0
    client_cpu_s: float = 0.0  # this process's CPU over the run: what the clients themselves cost
    failures: list[str] = field(default_factory=list)
    verify: str | bool = True  # https: the certificate (a file) the clients trust
    # Answers that mean "no node answered" when a load balancer stands in front (502, 503, 504 from nginx): the
    # request is sent again, as after a refused connection, and recorded as unanswered.
    retry_statuses: frozenset[int] = frozenset()
    headers: dict[str, str] = field(default_factory=dict)  # sent with every request

    def __post_init__(self) -> None:
        if not self.base_url.startswith(("http://127.0.0.1:", "http://localhost:", "https://127.0.0.1:")):
            raise ValueError("the history run only loads 127.0.0.1")
        self._lock = threading.Lock()
        self._stop_at = 0.0

    def go(self) -> "Run":
        started, cpu = time.monotonic(), time.process_time()
        self._stop_at = started + self.max_seconds
        threads = [threading.Thread(target=self._client, args=(i,), daemon=True) for i in range(len(self.tokens))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=max(0.0, self._stop_at - time.monotonic()) + READ_TIMEOUT_S + 5)
        self.seconds, self.client_cpu_s = time.monotonic() - started, time.process_time() - cpu
        if any(thread.is_alive() for thread in threads):
            self.failures.append("a client was still running after the run's time")
        with self._lock:
            self.events.sort(key=lambda e: (e.client, e.started))
        return self

    @property
    def loops_per_second(self) -> float:
        return self.loops_done / self.seconds if self.seconds else 0.0

    # ---- one client ------------------------------------------------------------------------------

    def _client(self, index: int) -> None:
        rng = random.Random(self.seed * 100_003 + index)
        session = requests.Session()
        session.verify = self.verify
        session.trust_env = self.verify is True  # else REQUESTS_CA_BUNDLE would replace the certificate given
        session.headers.update(self.headers)
        session.headers["Authorization"] = f"Bearer {self.tokens[index]}"
        mine: list[Event] = []
        try:
            for _loop in range(self.loops):
                lease = self._call(session, mine, index, "next", self.project_id)
                if lease is None or lease.status == 204:
                    break
                if lease.status == 200:
                    self._work(session, mine, index, lease.answer, rng)
                    with self._lock:
                        self.loops_done += 1
        except Exception as exc:  # reported by the checker, so a client never dies silently
            self.failures.append(f"client {index}: {exc!r}")
        finally:
            session.close()
            with self._lock:
                self.events.extend(mine)

    def _work(self, session: requests.Session, mine: list[Event], index: int, lease: dict, rng) -> None:
        assignment, result = lease["id"], rng.choice(self.results)
        roll = rng.random()
        if roll < self.mix.skip:
            self._call(session, mine, index, "skip", assignment)
        elif roll < self.mix.skip + self.mix.expire:
            self._call(session, mine, index, "draft", assignment, result)
            wait = lease["expires_at"] + EXPIRY_MARGIN_S - time.time()
            if time.monotonic() + wait < self._stop_at:
                time.sleep(max(0.0, wait))
            self._call(session, mine, index, "submit", assignment, result)
        else:
            if rng.random() < self.mix.draft:
                self._call(session, mine, index, "draft", assignment, result)
            self._call(session, mine, index, "submit", assignment, result)
            if rng.random() < self.mix.resubmit:
                self._call(session, mine, index, "submit", assignment, result)

    def _call(
        self, session: requests.Session, mine: list[Event], index: int, op: str, target: int, sent=None
    ) -> Event | None:
        """Send one request until it is answered (a 5xx is an answer, recorded and not retried) or time is up."""
        method, path = {
            "next": ("POST", f"/api/v1/projects/{target}/tasks/next"),
            "draft": ("PUT", f"/api/v1/assignments/{target}/draft"),
            "submit": ("POST", f"/api/v1/assignments/{target}/submit"),
            "skip": ("POST", f"/api/v1/assignments/{target}/skip"),
        }[op]
        body = {"result": sent} if sent is not None else None
        pause = RETRY_PAUSE_S[0]
        while time.monotonic() < self._stop_at:
            started = time.time()
            try:
                response = session.request(
                    method, self.base_url + path, json=body, timeout=(CONNECT_TIMEOUT_S, READ_TIMEOUT_S)
                )
            except requests.RequestException as exc:
                mine.append(Event(index, op, target, started, time.time(), None, {"error": type(exc).__name__}, sent))
                time.sleep(pause)
                pause = min(pause * 2, RETRY_PAUSE_S[1])
                continue
            if response.status_code in self.retry_statuses:
                error = {"error": f"{response.status_code} from the load balancer"}
                mine.append(Event(index, op, target, started, time.time(), None, error, sent))
                time.sleep(pause)
                pause = min(pause * 2, RETRY_PAUSE_S[1])
                continue
            event = Event(index, op, target, started, time.time(), response.status_code, _answer(op, response), sent)
            mine.append(event)
            return event
        return None


def _answer(op: str, response: requests.Response) -> dict:
    if response.status_code == 204:
        return {}
    try:
        data = response.json()
    except ValueError:
        return {"body": response.text[:200]}
    if response.status_code >= 300:
        return {"detail": str(data.get("detail", ""))[:200] if isinstance(data, dict) else str(data)[:200]}
    if op == "next":
        expires = datetime.fromisoformat(data["expires_at"]).timestamp()
        return {"id": data["id"], "item": data["item"]["id"], "status": data["status"], "expires_at": expires}
    if op == "submit":
        return {"id": data["id"], "assignment": data["assignment_id"], "item": data["item_id"]}
    return {"status": data.get("status")}


# --------------------------------------------------------------------------------------------------
# The checker


@dataclass
class Report:
    violations: list[str]
    counts: dict

    @property
    def ok(self) -> bool:
        return not self.violations


def check(run: Run, user_ids: list[int]) -> Report:
    """Read the run's history and the project's rows; every broken promise becomes one line of the report.

    user_ids[i] is the account of client i. Needs Django set up, with the database the server wrote to.
    """
    from datadam.labeling.models import Annotation, Assignment
    from datadam.projects.models import Item

    project = run.project_id
    assignments = {
        row[0]: row[1:]
        for row in Assignment.objects.filter(project_id=project).values_list(
            "id", "item_id", "worker_id", "status", "draft", "expires_at", "finished_at"
        )
    }
    annotations = list(
        Annotation.objects.filter(project_id=project).values_list("id", "assignment_id", "author_id", "result")
    )
    items = dict(Item.objects.filter(project_id=project).values_list("id", "target_overlap"))
    slots = dict(Item.objects.filter(project_id=project).values_list("id", "open_slots"))
    violations = list(run.failures)
    violations += _server_errors(run.events)
    violations += _hand_outs(run.events, assignments, user_ids)
    violations += _storage(run.events, assignments, annotations)
    violations += _overlap_in_database(assignments, annotations, items, slots)
    violations += _overlap_in_time(run.events, assignments, items)
    return Report(violations=violations, counts=_counts(run, annotations))


def _server_errors(events: list[Event]) -> list[str]:
    errors = [e for e in events if e.status is not None and e.status >= 500]
    return [f"{len(errors)} answers were server errors, e.g. {errors[0].op} {errors[0].status}"] if errors else []


def _hand_outs(events: list[Event], assignments: dict, user_ids: list[int]) -> list[str]:
    out = []
    owner: dict[int, int] = {}
    items_of_client: dict[int, dict[int, set[int]]] = defaultdict(lambda: defaultdict(set))
    skipped: dict[int, float] = {}  # assignment -> when the skip was acknowledged
    for e in events:
        if e.op == "skip" and e.status == 200:
            skipped.setdefault(e.target, e.ended)
    for e in events:
        if e.op != "next" or e.status != 200:
            continue
        assignment, item = e.answer["id"], e.answer["item"]
        if owner.setdefault(assignment, e.client) != e.client:
            out.append(f"assignment {assignment} was handed to two clients")
        stored = assignments.get(assignment)
        if stored is None or stored[1] != user_ids[e.client] or stored[0] != item:
            out.append(f"assignment {assignment} handed to client {e.client} is not stored as theirs for item {item}")
        items_of_client[e.client][item].add(assignment)
        if assignment in skipped and e.started > skipped[assignment]:
            out.append(f"client {e.client} skipped item {item} and got it back")
    for client, items in items_of_client.items():
        for item, leases in items.items():
            if len(leases) > 1:
                out.append(f"client {client} got item {item} twice (assignments {sorted(leases)})")
    for assignment in skipped:
        if assignments.get(assignment, (None, None, None))[2] != "skipped":
            out.append(f"assignment {assignment}: the skip was acknowledged but it is not stored as skipped")
    return out


def _storage(events: list[Event], assignments: dict, annotations: list) -> list[str]:
    out = []
    stored_for: dict[int, list] = defaultdict(list)
    for annotation_id, assignment, author, result in annotations:
        stored_for[assignment].append((annotation_id, author, result))
    acked: dict[int, set[int]] = defaultdict(set)
    sent: dict[int, dict] = {}
    unanswered: set[int] = set()
    late: dict[int, dict] = {}
    for e in events:
        if e.op != "submit":
            continue
        if e.status in (200, 201):
            acked[e.target].add(e.answer["id"])
            sent.setdefault(e.target, e.sent)
        elif e.status is None:
            unanswered.add(e.target)
        elif e.status == 409:
            late[e.target] = e.sent
    for assignment, ids in acked.items():
        rows = stored_for.get(assignment, [])
        if len(ids) > 1:
            out.append(f"assignment {assignment}: submits were answered with different annotations {sorted(ids)}")
        if len(rows) != 1:
            out.append(f"assignment {assignment}: acknowledged, but {len(rows)} annotations are stored")
            continue
        annotation_id, author, result = rows[0]
        worker = assignments.get(assignment, (None, None))[1]
        if annotation_id not in ids or author != worker or result != sent[assignment]:
            out.append(f"assignment {assignment}: the stored annotation is not the one acknowledged")
    for assignment in stored_for.keys() - acked.keys():
        if assignment not in unanswered:
            out.append(f"assignment {assignment}: an annotation is stored that no submit was answered for")
    for assignment, result in late.items():
        if assignment in acked:
            continue
        item, worker, status, draft, *_ = assignments.get(assignment, (None,) * 6)
        if stored_for.get(assignment):
            out.append(f"assignment {assignment}: the submit was refused (409) but an annotation is stored")
        elif status != "expired" or draft != result:
            out.append(f"assignment {assignment}: a late answer was refused and not kept as the draft")
    return out


def _overlap_in_database(assignments: dict, annotations: list, items: dict, slots: dict) -> list[str]:
    out = []
    live = Counter(item for item, _w, status, *_ in assignments.values() if status in LIVE)
    authors: dict[int, set[int]] = defaultdict(set)
    for _id, assignment, author, _result in annotations:
        authors[assignments[assignment][0]].add(author)
    for item, target in items.items():
        if live[item] > target:
            out.append(f"item {item}: {live[item]} live leases for an overlap of {target}")
        if len(authors[item]) > target:
            out.append(f"item {item}: annotated by {len(authors[item])} people for an overlap of {target}")
        if slots[item] + live[item] != target:
            out.append(f"item {item}: {slots[item]} open slots and {live[item]} live leases do not add up to {target}")
    return out


def _overlap_in_time(events: list[Event], assignments: dict, items: dict) -> list[str]:
    """How many held each item at once, by the clients' clocks (one machine, one clock). A lease counts from
    when its answer arrived (it was granted before) until the earliest moment it can have been given back
    (the skip was sent, the lease ran out), so an overlap found here certainly happened."""
    first_seen: dict[int, Event] = {}
    skip_sent: dict[int, float] = {}
    for e in events:
        if e.op == "next" and e.status == 200:
            first_seen.setdefault(e.answer["id"], e)
        elif e.op == "skip":
            skip_sent.setdefault(e.target, e.started)
    marks: dict[int, list[tuple[float, int]]] = defaultdict(list)
    for assignment, e in first_seen.items():
        status = assignments.get(assignment, (None, None, None))[2]
        if status == "skipped":
            end = skip_sent.get(assignment, e.ended)
        elif status == "expired":
            end = e.answer["expires_at"]
        else:
            end = float("inf")
        marks[e.answer["item"]] += [(e.ended, 1), (end, -1)]
    out = []
    for item, points in marks.items():
        held = most = 0
        for _moment, step in sorted(points, key=lambda p: (p[0], p[1])):  # a release before a grant at one moment
            held += step
            most = max(most, held)
        if most > items.get(item, 0):
            out.append(f"item {item}: held by {most} people at once for an overlap of {items.get(item)}")
    return out


def _counts(run: Run, annotations: list) -> dict:
    by_op: dict[str, Counter] = defaultdict(Counter)
    for e in run.events:
        by_op[e.op][str(e.status) if e.status is not None else "no answer"] += 1
    return {
        "clients": len(run.tokens),
        "loops": run.loops_done,
        "seconds": round(run.seconds, 2),
        "loops_per_second": round(run.loops_per_second, 1),
        "client_cpu_s": round(run.client_cpu_s, 1),
        "requests": len(run.events),
        "by_op": {op: dict(statuses) for op, statuses in sorted(by_op.items())},
        "annotations_stored": len(annotations),
    }
