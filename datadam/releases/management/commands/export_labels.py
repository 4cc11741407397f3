import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from datadam.accounts.selectors import user_find
from datadam.core.errors import DomainError
from datadam.projects import selectors
from datadam.releases import services


class Command(BaseCommand):
    help = "Write a project's labels as JSON Lines, as the given manager (datadam export)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--as", dest="username", required=True, help="User name of a project manager")
        parser.add_argument("--project", type=int, required=True, help="Project id")
        parser.add_argument("--all", action="store_true", help="Every version with its state, not only accepted")
        parser.add_argument("--output", "-o", type=Path, help="File to write (default: standard output)")

    def handle(self, *args, username: str, project: int, all: bool, output: Path | None, **options) -> None:
        try:
            actor = user_find(username=username)
            target = selectors.project_managed_get(actor=actor, project_id=project)
            lines = services.export_stream(actor=actor, project=target, include="all" if all else "accepted")
            count = self._write(lines, output)
        except DomainError as exc:
            raise CommandError(exc.message) from None
        self.stderr.write(f"Exported {count} items from project {target.id}.")

    def _write(self, lines, output: Path | None) -> int:
        if output is None:
            return self._write_to(lines, sys.stdout)
        with output.open("w", encoding="utf-8") as stream:
            return self._write_to(lines, stream)

    @staticmethod
    def _write_to(lines, stream) -> int:
        count = 0
        for line in lines:
            stream.write(line)
            count += 1
        return count
