"""On SQLite, writers queue for the one write lock in the kernel: the next writer starts the moment the
lock comes free, instead of sleeping in SQLite's busy handler, and a writer that leaves by an error gives
its place up too."""

import fcntl
import os
import threading
import time

import pytest
from django.db import connection, transaction

from datadam.accounts.models import Organization

pytestmark = [
    pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's writer queue"),
    pytest.mark.django_db(transaction=True),
]

HOLD_S = 0.3


def _writer(name: str, events: list, hold_s: float = 0.0, fail: bool = False) -> None:
    try:
        with transaction.atomic():
            events.append(("start", name, time.monotonic()))
            Organization.objects.create(name=name, slug=name)
            time.sleep(hold_s)
            events.append(("end", name, time.monotonic()))  # still inside: the queue is held until the block exits
            if fail:
                raise RuntimeError("the writer gives up")
    except RuntimeError:
        pass
    finally:
        connection.close()


def _run_two(first_kwargs: dict) -> list:
    events: list = []
    first = threading.Thread(target=_writer, args=("first", events), kwargs=first_kwargs)
    first.start()
    while not events:
        time.sleep(0.01)
    second = threading.Thread(target=_writer, args=("second", events))
    second.start()
    first.join(timeout=10)
    second.join(timeout=10)
    return events


def test_a_second_writer_waits_for_the_first_and_starts_as_soon_as_it_ends() -> None:
    events = _run_two({"hold_s": HOLD_S})

    times = {(kind, name): at for kind, name, at in events}
    assert [(kind, name) for kind, name, _ in events] == [
        ("start", "first"),
        ("end", "first"),
        ("start", "second"),
        ("end", "second"),
    ]
    assert times[("start", "second")] - times[("end", "first")] < 0.1  # no busy-handler sleep
    assert set(Organization.objects.filter(slug__in=["first", "second"]).values_list("slug", flat=True)) == {
        "first",
        "second",
    }


def test_a_writer_that_fails_gives_its_place_up() -> None:
    events = _run_two({"hold_s": HOLD_S, "fail": True})

    assert [(kind, name) for kind, name, _ in events] == [
        ("start", "first"),
        ("end", "first"),
        ("start", "second"),
        ("end", "second"),
    ]
    assert list(Organization.objects.filter(slug__in=["first", "second"]).values_list("slug", flat=True)) == ["second"]


def test_the_queue_is_held_while_a_transaction_writes_and_free_after() -> None:
    path = f"{connection.settings_dict['NAME']}.writers"

    def taken() -> bool:
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        finally:
            os.close(descriptor)  # closing gives up a lock taken here
        return False

    with transaction.atomic():
        Organization.objects.create(name="inside", slug="inside")
        held_inside = taken()
    assert (held_inside, taken()) == (True, False)
