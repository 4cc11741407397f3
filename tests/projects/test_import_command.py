"""`datadam import FILE --as USER --project ID` imports like the page does, and says what went wrong."""

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from datadam.projects.models import Item

DATA = Path(__file__).parents[1] / "data"


def test_a_manager_imports_a_file_from_the_command_line(cast) -> None:
    call_command("import_items", str(DATA / "reviews_excel_cp949.csv"), "--as", "manager",
                 "--project", str(cast.project.id))

    assert Item.objects.filter(project=cast.project, batch__isnull=False).count() == 3


def test_bad_rows_are_listed_with_their_lines_and_nothing_is_imported(cast, capsys) -> None:
    with pytest.raises(CommandError, match="2 problem"):
        call_command("import_items", str(DATA / "malformed.jsonl"), "--as", "manager",
                     "--project", str(cast.project.id))

    assert "malformed.jsonl, line 3" in capsys.readouterr().err
    assert not Item.objects.filter(batch__isnull=False).exists()


def test_a_person_who_does_not_manage_the_project_is_refused(cast) -> None:
    with pytest.raises(CommandError):
        call_command("import_items", str(DATA / "reviews.jsonl"), "--as", "outsider",
                     "--project", str(cast.project.id))
