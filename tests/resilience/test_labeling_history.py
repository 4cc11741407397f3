"""64 labelers lease, save drafts, submit (some twice), skip, and let leases run out, against a live server.
Every request and answer is written down; the checker proves from that history and the database that no
item was handed out beyond its overlap, no annotation was lost or duplicated, and no one got a skipped item
back. `make bench` runs the same load at full size (bench/run.py, the history phase)."""

from pathlib import Path

import pytest

from bench import history
from tests.resilience.conftest import RESULTS
from tests.resilience.live import Server

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

LABELERS, LOOPS, OVERLAP, LEASE_SECONDS = 64, 20, 2, 4
MAX_SECONDS = 120


def test_sixty_four_labelers_history_shows_no_double_hand_out_loss_or_returned_skip(make_crew, tmp_path: Path) -> None:
    crew = make_crew(
        labelers=LABELERS, items=LABELERS * LOOPS // OVERLAP + LABELERS, overlap=OVERLAP, lease_seconds=LEASE_SECONDS
    )
    server = Server(tmp_path, workers=3).start()
    try:
        run = history.Run(
            base_url=server.url,
            project_id=crew.project.id,
            tokens=crew.tokens,
            loops=LOOPS,
            max_seconds=MAX_SECONDS,
            results=RESULTS,
            seed=64,
        ).go()
    finally:
        server.stop()

    report = history.check(run, crew.user_ids)

    assert report.ok, report.violations[:10]
    assert run.loops_done == LABELERS * LOOPS, report.counts
    by_op = report.counts["by_op"]
    assert by_op["skip"].get("200"), "nobody skipped"
    assert by_op["draft"].get("200"), "nobody saved a draft"
    assert by_op["submit"].get("409"), "no lease ran out before its submit"
    assert by_op["submit"].get("200"), "no submit was sent twice"
