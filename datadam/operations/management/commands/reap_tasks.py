"""Run the reaper once (workers run it on every heartbeat; this is for a scheduler or an operator)."""

from django.core.management.base import BaseCommand

from datadam.operations.reaper import tasks_reap


class Command(BaseCommand):
    help = "Run again, or give up, the jobs whose worker stopped beating"

    def handle(self, *args, **options) -> None:
        reaped = tasks_reap()
        self.stdout.write(f"{len(reaped.retried)} jobs run again, {len(reaped.given_up)} given up")
