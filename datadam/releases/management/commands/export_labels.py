import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from datadam.accounts.selectors import user_find
from datadam.core.errors import DomainError
from datadam.projects import selectors
from datadam.releases import services
from datadam.releases.exporters import FORMATS

# On the command line a format is written with hyphens (coco-zip); the registry's names use underscores.
CHOICES = {name.replace("_", "-"): name for name in FORMATS}


class Command(BaseCommand):
    help = "Write a project's labels in one export format, as the given manager (datadam export)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--as", dest="username", required=True, help="User name of a project manager")
        parser.add_argument("--project", type=int, required=True, help="Project id")
        parser.add_argument(
            "--format", dest="file_format", default="jsonl", help="One of: " + ", ".join(CHOICES) + " (default jsonl)"
        )
        parser.add_argument("--all", action="store_true", help="Every version with its state, not only accepted")
        parser.add_argument("--output", "-o", default="-", help="File to write, or - for standard output (default)")

    def handle(self, *args, username: str, project: int, file_format: str, all: bool, output: str, **options) -> None:
        name = CHOICES.get(file_format.replace("_", "-"))
        if name is None:
            raise CommandError(f"Unknown format {file_format!r}. Choose one of: {', '.join(CHOICES)}.")
        try:
            actor = user_find(username=username)
            target = selectors.project_managed_get(actor=actor, project_id=project)
            pieces = services.export_stream(
                actor=actor, project=target, file_format=name, include="all" if all else "accepted"
            )
            size = self._write(pieces, output)
        except DomainError as exc:
            raise CommandError(exc.message) from None
        except OSError as exc:
            raise CommandError(f"Cannot write {output}: {exc.strerror or exc}") from None
        self.stderr.write(f"Exported project {target.id} as {file_format}: {size} bytes.")

    def _write(self, pieces, output: str) -> int:
        """Every piece as bytes (text formats in UTF-8), to the file or to standard output; returns the size."""
        if output == "-":
            return self._write_to(pieces, sys.stdout.buffer)
        path = Path(output)
        try:
            with path.open("wb") as stream:
                return self._write_to(pieces, stream)
        except BaseException:
            path.unlink(missing_ok=True)  # never leave half a file that looks like an export
            raise

    @staticmethod
    def _write_to(pieces, stream) -> int:
        size = 0
        for piece in pieces:
            block = piece.encode("utf-8") if isinstance(piece, str) else piece
            stream.write(block)
            size += len(block)
        stream.flush()
        return size
