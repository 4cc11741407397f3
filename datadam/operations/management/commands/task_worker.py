"""`datadam worker`: django-tasks-db's db_worker with a heartbeat, so jobs of a killed worker are run again."""

from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

from datadam.operations.heartbeat import Heartbeat


class Command(DatabaseWorkerCommand):
    help = "Run a background task worker that records a heartbeat and takes back the jobs of lost workers"

    def handle(self, *args, **options) -> None:
        heartbeat = Heartbeat(options["worker_id"])
        heartbeat.start()
        try:
            super().handle(*args, **options)
        finally:
            heartbeat.stop()
