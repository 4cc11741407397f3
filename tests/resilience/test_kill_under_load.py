"""16 labelers lease and submit while the web processes are killed (SIGKILL) mid-request, and then the whole
server is killed and started again. Clients send again what got no answer. Nothing acknowledged is lost,
nothing is stored twice, and a retried submit is answered with the annotation stored the first time."""

import threading
import time
from collections import Counter
from pathlib import Path

import pytest

from bench import history
from datadam.labeling.models import Annotation
from datadam.projects.models import Item
from tests.resilience.conftest import RESULTS
from tests.resilience.live import Server, answers, wait_until

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

LABELERS, LOOPS, ITEMS, OVERLAP = 16, 30, 200, 2  # 400 slots for up to 480 loops: the queue runs dry
MAX_SECONDS = 180  # a bound for a starved machine; it takes well under a minute


class Chaos(threading.Thread):
    """Kills the web processes a third of the way in, and the whole server two thirds of the way in."""

    def __init__(self, server: Server, run: history.Run, slots: int) -> None:
        super().__init__(daemon=True)
        self.server, self.run_, self.slots = server, run, slots
        self.killed_workers: list[int] = []
        self.restarted = False
        self.error: Exception | None = None

    def _wait_for(self, loops: int) -> bool:
        return wait_until(lambda: self.run_.loops_done >= loops, MAX_SECONDS / 3, 0.02)

    def run(self) -> None:
        try:
            if self._wait_for(self.slots // 3):
                self.killed_workers = self.server.kill_workers()
            if self._wait_for(2 * self.slots // 3):
                self.server.kill()
                time.sleep(0.5)  # clients meet a closed port for a moment
                self.server.start()
                # Under full load a health check can take longer than a second: ask patiently.
                self.restarted = wait_until(lambda: answers(self.server.port, timeout=5) == 200, 30, 0.2)
        except Exception as exc:  # asserted on by the test
            self.error = exc


def test_acknowledged_submits_survive_killed_web_processes_and_a_killed_server(make_crew, tmp_path: Path) -> None:
    crew = make_crew(labelers=LABELERS, items=ITEMS, overlap=OVERLAP)
    server = Server(tmp_path, workers=3).start()
    run = history.Run(
        base_url=server.url,
        project_id=crew.project.id,
        tokens=crew.tokens,
        loops=LOOPS,
        max_seconds=MAX_SECONDS,
        results=RESULTS,
        mix=history.Mix(skip=0, expire=0, draft=0.2, resubmit=0.2),
        seed=9,
    )
    chaos = Chaos(server, run, slots=ITEMS * OVERLAP)
    try:
        chaos.start()
        run.go()
        chaos.join(timeout=MAX_SECONDS)
    finally:
        server.stop()

    assert chaos.error is None, chaos.error
    assert chaos.killed_workers and chaos.restarted, "the kills did not happen mid-load"
    unanswered = [e for e in run.events if e.status is None]
    assert unanswered, "no request was cut or refused: the kills missed the traffic"
    report = history.check(run, crew.user_ids)
    assert report.ok, report.violations[:10]
    # Every slot was filled exactly once: nothing lost, nothing over the overlap.
    items = Item.objects.filter(project=crew.project).values_list("id", flat=True)
    assert Counter(Annotation.objects.filter(project=crew.project).values_list("item_id", flat=True)) == Counter(
        {item: OVERLAP for item in items}
    )
    retried = Counter(e.target for e in run.events if e.op == "submit" and e.status in (200, 201))
    assert any(n > 1 for n in retried.values()), "no submit was retried"
