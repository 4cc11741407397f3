"""A task worker's heartbeat: a thread that writes the worker's WorkerBeat row and runs the reaper.

A thread, not the worker's loop, so the beat goes on while a long job runs. It has its own database
connection (Django's connections are per thread). A killed worker stops beating at once, which is the point.
"""

import logging
import os
import socket
import threading

from django.conf import settings
from django.db import close_old_connections, connection
from django.db.utils import DatabaseError
from django.utils import timezone

from datadam.operations.models import WorkerBeat
from datadam.operations.reaper import tasks_reap

log = logging.getLogger(__name__)


class Heartbeat(threading.Thread):
    def __init__(self, worker_id: str) -> None:
        super().__init__(name="datadam-heartbeat", daemon=True)
        self.worker_id = worker_id
        self.stopping = threading.Event()

    def run(self) -> None:
        started = timezone.now()
        try:
            while True:
                self.beat(started)
                if self.stopping.wait(settings.DATADAM_WORKER_BEAT_SECONDS):
                    break
            WorkerBeat.objects.filter(worker_id=self.worker_id).delete()
        except DatabaseError:
            log.exception("the worker's heartbeat could not reach the database")
        finally:
            connection.close()

    def beat(self, started) -> None:
        close_old_connections()
        try:
            WorkerBeat.objects.update_or_create(
                worker_id=self.worker_id,
                defaults={"beat_at": timezone.now()},
                create_defaults={
                    "beat_at": timezone.now(),
                    "started_at": started,
                    "host": socket.gethostname()[:255],
                    "pid": os.getpid(),
                },
            )
            tasks_reap()
        except DatabaseError:  # a busy or restarting database: beat again next round, the worker goes on
            log.warning("heartbeat of worker %s missed a beat", self.worker_id, exc_info=True)

    def stop(self) -> None:
        self.stopping.set()
        self.join(timeout=10)
