"""An operator backs up the demo programme with `datadam backup`, and `datadam restore` brings it back into an empty
database and an empty data folder: every table has the same rows (count and checksum), every file the same hash,
and the ledger is still append-only. A wrong file, a backup of the other database kind and a target that already
holds data are refused with a message that says what to do."""

import hashlib
import io
import json
import os
import sqlite3
import subprocess
import sys
import tarfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from datadam.demo.loader import demo_load

ROOT = Path(__file__).resolve().parents[2]
RESTORE_SECONDS = 120


def table_fingerprints(cursor, tables: list[str]) -> dict[str, tuple[int, str]]:
    """{table: (rows, SHA-256 of its rows in a fixed order)}, read with the database's own driver."""
    prints = {}
    for table in tables:
        cursor.execute(f'SELECT * FROM "{table}"')
        rows = sorted(repr(row) for row in cursor.fetchall())
        prints[table] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest())
    return prints


def sqlite_fingerprints(path: Path) -> dict[str, tuple[int, str]]:
    with sqlite3.connect(path) as db:
        tables = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return table_fingerprints(db.cursor(), tables)


def postgres_fingerprints(conninfo: dict) -> dict[str, tuple[int, str]]:
    with psycopg.connect(**conninfo) as db, db.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
        return table_fingerprints(cursor, [row[0] for row in cursor.fetchall()])


def file_hashes(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in folder.rglob("*")
        if path.is_file()
    }


def pg_conninfo(name: str) -> dict:
    db = connection.settings_dict
    return {"dbname": name, "host": db["HOST"], "port": db["PORT"], "user": db["USER"], "password": db["PASSWORD"]}


@pytest.fixture
def empty_target(tmp_path: Path) -> Iterator[dict]:
    """An empty data folder and, on PostgreSQL, a new empty database on the same server (dropped afterwards)."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "datadam.settings", "DATADAM_DATA_DIR": str(tmp_path / "restored")}
    env.pop("DATADAM_DATABASE_URL", None)
    if connection.vendor == "sqlite":
        yield {"env": env, "fingerprints": lambda: sqlite_fingerprints(tmp_path / "restored" / "datadam.sqlite3")}
        return
    name = f"datadam_restore_{uuid.uuid4().hex[:8]}"
    admin = {**pg_conninfo("postgres"), "autocommit": True}
    with psycopg.connect(**admin) as db:
        db.execute(f'CREATE DATABASE "{name}"')
    db = connection.settings_dict
    env["DATADAM_DATABASE_URL"] = f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST']}:{db['PORT']}/{name}"
    try:
        conninfo = pg_conninfo(name)
        yield {"env": env, "fingerprints": lambda: postgres_fingerprints(conninfo), "conninfo": conninfo}
    finally:
        with psycopg.connect(**admin) as db:
            db.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def source_fingerprints() -> dict[str, tuple[int, str]]:
    if connection.vendor == "sqlite":
        return sqlite_fingerprints(Path(connection.settings_dict["NAME"]))
    return postgres_fingerprints(pg_conninfo(connection.settings_dict["NAME"]))


def restore(archive: Path, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "datadam.cli", "restore", str(archive)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=RESTORE_SECONDS,
    )


@pytest.mark.django_db(transaction=True)
def test_operator_restores_the_demo_into_an_empty_site_with_every_row_and_file_and_the_ledger_still_append_only(
    tmp_path: Path, empty_target: dict
) -> None:
    demo_load()
    archive = tmp_path / "datadam.tar"
    out = io.StringIO()

    call_command("backup", str(archive), stdout=out)

    assert "Backed up" in out.getvalue()
    finished = restore(archive, empty_target["env"])
    assert finished.returncode == 0, finished.stderr
    assert "every hash checked" in finished.stdout

    before, after = source_fingerprints(), empty_target["fingerprints"]()
    assert before["pay_ledgerentry"][0] > 0 and before["projects_item"][0] >= 2000
    assert after == before
    media = Path(settings.STORAGES["default"]["OPTIONS"]["location"])
    restored = Path(empty_target["env"]["DATADAM_DATA_DIR"]) / "media"
    assert file_hashes(media) and file_hashes(restored) == file_hashes(media)
    assert_ledger_refuses_changes(empty_target)


def assert_ledger_refuses_changes(target: dict) -> None:
    """The triggers came back with the rows: a change is refused, and, once the test suite's own permission to
    empty the ledger is taken away, so is a delete."""
    if "conninfo" not in target:
        path = Path(target["env"]["DATADAM_DATA_DIR"]) / "datadam.sqlite3"
        with sqlite3.connect(path) as db:
            with pytest.raises(sqlite3.IntegrityError, match="append-only"):
                db.execute("UPDATE pay_ledgerentry SET amount = amount + 1")
            db.execute("DELETE FROM pay_ledger_guard")
            with pytest.raises(sqlite3.IntegrityError, match="append-only"):
                db.execute("DELETE FROM pay_ledgerentry")
        return
    with psycopg.connect(**target["conninfo"], autocommit=True) as db:
        with pytest.raises(psycopg.errors.RaiseException, match="append-only"):
            db.execute("UPDATE pay_ledgerentry SET amount = amount + 1")
        db.execute("DELETE FROM pay_ledger_guard")
        with pytest.raises(psycopg.errors.RaiseException, match="append-only"):
            db.execute("DELETE FROM pay_ledgerentry")
        with pytest.raises(psycopg.errors.RaiseException, match="append-only"):
            db.execute("TRUNCATE pay_ledgerentry CASCADE")


def fake_backup(path: Path, manifest: dict | None) -> Path:
    with tarfile.open(path, "w") as archive:
        if manifest is not None:
            body = json.dumps(manifest).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(body)
            archive.addfile(info, io.BytesIO(body))
    return path


def test_a_file_that_is_not_a_backup_is_refused_by_name(db, tmp_path: Path) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("hello")

    with pytest.raises(CommandError, match="notes.txt is not a Datadam backup"):
        call_command("restore", str(text))
    with pytest.raises(CommandError, match="other.tar is not a Datadam backup: it holds no Datadam manifest"):
        call_command("restore", str(fake_backup(tmp_path / "other.tar", None)))
    with pytest.raises(CommandError, match="does not exist"):
        call_command("restore", str(tmp_path / "missing.tar"))


def test_a_backup_of_the_other_database_kind_is_refused_before_anything_is_written(db, tmp_path: Path) -> None:
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    manifest = {"format": "datadam-backup", "version": 1, "database": other, "storages": {}, "members": {}}

    with pytest.raises(CommandError, match="this Datadam is set up for"):
        call_command("restore", str(fake_backup(tmp_path / "b.tar", manifest)))


def test_restore_refuses_a_database_that_already_holds_data(db, tmp_path: Path) -> None:
    manifest = {"format": "datadam-backup", "version": 1, "database": connection.vendor, "storages": {}, "members": {}}

    with pytest.raises(CommandError, match="already holds tables"):
        call_command("restore", str(fake_backup(tmp_path / "b.tar", manifest)))


def test_a_backup_from_a_newer_datadam_is_refused(db, tmp_path: Path) -> None:
    manifest = {"format": "datadam-backup", "version": 99, "database": connection.vendor, "members": {}}

    with pytest.raises(CommandError, match="newer Datadam"):
        call_command("restore", str(fake_backup(tmp_path / "b.tar", manifest)))


def test_backup_never_overwrites_an_existing_file(db, tmp_path: Path) -> None:
    existing = tmp_path / "yesterday.tar"
    existing.write_bytes(b"yesterday's backup")

    with pytest.raises(CommandError, match="already exists"):
        call_command("backup", str(existing))
    assert existing.read_bytes() == b"yesterday's backup"


@pytest.mark.django_db(transaction=True)
def test_a_damaged_backup_is_refused_naming_the_member_that_does_not_match(
    cast, tmp_path: Path, empty_target: dict
) -> None:
    archive = tmp_path / "datadam.tar"
    call_command("backup", str(archive), stdout=io.StringIO())
    with tarfile.open(archive) as original:
        dump = next(member for member in original.getmembers() if member.name.startswith("database."))
        offset = dump.offset_data + dump.size // 2
    with archive.open("r+b") as handle:  # one byte in the middle of the database snapshot flips
        handle.seek(offset)
        byte = handle.read(1)
        handle.seek(offset)
        handle.write(bytes([byte[0] ^ 0xFF]))

    finished = restore(archive, empty_target["env"])

    assert finished.returncode != 0
    assert f"The backup is damaged: {dump.name} does not match the hash its manifest records" in finished.stderr
    assert all(rows == 0 for rows, _ in empty_target["fingerprints"]().values())
