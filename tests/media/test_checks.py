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


def test_an_allowlist_entry_that_is_not_a_host_and_port_is_reported() -> None:
    entries = ["files.intra", "files.intra:8081", "http://x/", "a:99999", "[::1]:x"]
    with override_settings(DATADAM_URL_ALLOWLIST=entries):
        problems = media_settings_check(None)
    assert [problem.id for problem in problems] == ["datadam.E063"] * 3
    assert "'http://x/'" in problems[0].msg
