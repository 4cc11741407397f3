"""`datadam restore FILE`: a backup into an empty database and empty file folders."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from datadam.core.backup import BackupError, backup_restore
from datadam.core.dbdump import DumpError


class Command(BaseCommand):
    help = "Restore a backup made by `datadam backup` into an empty database and empty file folders."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="an archive written by `datadam backup`")

    def handle(self, *args: object, **options: str) -> None:
        source = Path(options["file"]).expanduser()
        if not source.is_file():
            raise CommandError(f"{source} does not exist or is not a file.")
        try:
            summary = backup_restore(source)
        except (BackupError, DumpError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Restored the {summary.database} database and {summary.files} files "
            f"({summary.file_bytes / 1e6:.1f} MB), every hash checked. Next: `datadam migrate` if this Datadam "
            "is newer than the backup, then start the site."
        )
        for bucket in summary.object_storage:
            self.stdout.write(f"Files kept in object storage were not in the backup: {bucket}")
