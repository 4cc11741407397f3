from django.db import models


class WorkerBeat(models.Model):
    """A running task worker. It writes `beat_at` every few seconds from a thread of its own, so a worker
    whose row has gone stale was killed (or its machine lost): the reaper then takes its job back."""

    worker_id = models.CharField(max_length=64, primary_key=True)
    host = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started_at = models.DateTimeField()
    beat_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.worker_id} ({self.host}:{self.pid})"
