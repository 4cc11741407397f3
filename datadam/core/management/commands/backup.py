"""`datadam backup FILE`: the database and the files on local disk, in one archive with a manifest."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from datadam.core.backup import BackupError, backup_create
from datadam.core.dbdump import DumpError


class Command(BaseCommand):
    help = "Back up the database and the media and release files kept on local disk into one archive (tar)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the archive to write, e.g. datadam-2026-12-04.tar")

    def handle(self, *args: object, **options: str) -> None:
        target = Path(options["file"]).expanduser()
        if target.exists():
            raise CommandError(f"{target} already exists; choose a new file name so no backup is overwritten.")
        if not target.parent.is_dir():
            raise CommandError(f"The folder {target.parent} does not exist.")
        try:
            summary = backup_create(target)
        except (BackupError, DumpError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Backed up the {summary.database} database and {summary.files} files "
            f"({summary.file_bytes / 1e6:.1f} MB) to {target}."
        )
        for bucket in summary.object_storage:
            self.stdout.write(f"Not included, kept in object storage (back it up with the bucket's tools): {bucket}")
