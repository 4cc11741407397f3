from pathlib import Path

from django.core.files import File
from django.core.management.base import BaseCommand, CommandError

from datadam.accounts.selectors import user_find
from datadam.core.errors import DomainError
from datadam.projects import selectors
from datadam.projects.imports import services as imports


class Command(BaseCommand):
    help = "Import a JSONL, CSV or TSV file into a project, as the given person (datadam import)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--as", dest="username", required=True, help="User name of a project manager")
        parser.add_argument("--project", type=int, required=True, help="Project id")
        parser.add_argument("--text-column", default="text")
        parser.add_argument("--encoding", default="", help="e.g. cp949; detected when left out")

    def handle(self, *args, file: Path, username: str, project: int, text_column: str, encoding: str, **options):
        if not file.is_file():
            raise CommandError(f"No such file: {file}")
        try:
            actor = user_find(username=username)
            target = selectors.project_managed_get(actor=actor, project_id=project)
            with file.open("rb") as handle:
                batch = imports.import_batch_create(
                    actor=actor,
                    project=target,
                    upload=File(handle, name=file.name),
                    file_name=file.name,
                    encoding=encoding,
                )
            batch = imports.import_batch_run(batch_id=batch.id, text_column=text_column)
        except DomainError as exc:
            raise CommandError(exc.message) from None
        if batch.errors:
            for error in batch.errors:
                self.stderr.write(f"{error['file']}, line {error['line']}: {error['reason']}")
            raise CommandError(f"Nothing was imported: {len(batch.errors)} problem(s).")
        self.stdout.write(f"Imported {batch.items_created} items into project {target.id} ({batch.encoding}).")
