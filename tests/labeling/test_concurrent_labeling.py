"""32 labelers lease and submit at once (with retried submits): no slot is double-booked, nothing is
lost or duplicated. Runs on the file-backed SQLite test database and on PostgreSQL alike."""

import threading
import time
from collections import Counter

import pytest
from django.db import close_old_connections, connection
from django.db.models import Count

from datadam.labeling import services
from datadam.labeling.models import Annotation, Assignment
from datadam.projects.models import Item
from tests import factories

WORKERS = 32
ITEMS = 40
OVERLAP = 3
DEADLINE_SECONDS = 120


def _label_until_done(worker, project, acknowledged: list, failures: list, stop_at: float) -> None:
    try:
        while time.monotonic() < stop_at:
            lease = services.assignment_lease_next(actor=worker, project=project)
            if lease is None:
                return
            result = {"sentiment": "positive" if lease.item_id % 2 else "negative"}
            annotation, _ = services.annotation_submit(actor=worker, assignment_id=lease.id, result=result)
            retried, created = services.annotation_submit(actor=worker, assignment_id=lease.id, result=result)
            if created or retried.id != annotation.id:
                failures.append(f"retry of lease {lease.id} made a second annotation")
            acknowledged.append(annotation.id)
    except Exception as exc:  # collected and asserted on below, so a thread never dies silently
        failures.append(repr(exc))
    finally:
        connection.close()


@pytest.mark.django_db(transaction=True)
def test_thirty_two_labelers_at_once_never_overfill_lose_or_duplicate() -> None:
    project = factories.ProjectFactory()
    items = factories.ItemFactory.create_batch(ITEMS, project=project, target_overlap=OVERLAP)
    workers = [factories.ProjectMembershipFactory(project=project).user for _ in range(WORKERS)]
    acknowledged: list[int] = []
    failures: list[str] = []
    stop_at = time.monotonic() + DEADLINE_SECONDS
    close_old_connections()

    threads = [
        threading.Thread(target=_label_until_done, args=(w, project, acknowledged, failures, stop_at)) for w in workers
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=DEADLINE_SECONDS + 10)

    assert not failures, failures[:5]
    assert all(not thread.is_alive() for thread in threads)
    per_item = Counter(Annotation.objects.values_list("item_id", flat=True))
    assert per_item == Counter({item.id: OVERLAP for item in items})
    assert sorted(acknowledged) == sorted(Annotation.objects.values_list("id", flat=True))
    assert not Annotation.objects.values("item", "author").annotate(n=Count("id")).filter(n__gt=1).exists()
    assert not Item.objects.filter(project=project, open_slots__gt=0).exists()
    assert Assignment.objects.filter(status=Assignment.Status.ACTIVE).count() == 0


TABS = 8


@pytest.mark.django_db(transaction=True)
def test_one_labeler_asking_from_eight_tabs_at_once_holds_one_lease_and_every_tab_shows_it() -> None:
    project = factories.ProjectFactory()
    factories.ItemFactory.create_batch(ITEMS, project=project)
    worker = factories.ProjectMembershipFactory(project=project).user
    shown: list[int] = []
    failures: list[str] = []
    start = threading.Barrier(TABS)
    close_old_connections()

    def tab() -> None:
        try:
            start.wait(timeout=30)
            shown.append(services.assignment_lease_next(actor=worker, project=project).id)
        except Exception as exc:  # asserted on below
            failures.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=tab) for _ in range(TABS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert not failures, failures[:3]
    held = list(Assignment.objects.filter(worker=worker, status=Assignment.Status.ACTIVE).values_list("id", flat=True))
    assert len(held) == 1
    assert shown == held * TABS
