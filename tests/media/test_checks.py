"""Media settings that cannot work are reported at start-up with a hint."""

from pathlib import Path

from django.test import override_settings

from datadam.media.checks import media_settings_check


def test_missing_import_root_and_zero_limits_are_reported(tmp_path: Path) -> None:
    with override_settings(DATADAM_IMPORT_ROOTS=[tmp_path / "missing"], DATADAM_ZIP_MAX_TOTAL_BYTES=0):
        ids = {problem.id for problem in media_settings_check(None)}
    assert ids == {"datadam.W061", "datadam.E061"}


def test_good_settings_raise_nothing(tmp_path: Path) -> None:
    with override_settings(DATADAM_IMPORT_ROOTS=[tmp_path]):
        assert media_settings_check(None) == []
