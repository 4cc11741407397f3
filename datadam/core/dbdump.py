"""Copying the whole database to a file and back: SQLite through its online backup API, PostgreSQL through
pg_dump's custom format and pg_restore. Both give a consistent snapshot while the site keeps running."""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.db import connection

KINDS = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
DUMP_NAMES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}


class DumpError(Exception):
    """The database tool failed; the message says what it printed."""


def database_kind() -> str:
    return connection.vendor


def database_is_empty() -> bool:
    """No table at all: a database that `datadam migrate` has never touched."""
    with connection.cursor() as cursor:
        return not connection.introspection.table_names(cursor)


def dump(target: Path) -> None:
    """Write a snapshot of the configured database to `target`."""
    if database_kind() == "sqlite":
        _sqlite_copy(Path(connection.settings_dict["NAME"]), target)
    else:
        _pg_run("pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={target}")


def load(source: Path) -> None:
    """Write a snapshot made by `dump` into the configured (empty) database."""
    connection.close()
    if database_kind() == "sqlite":
        _sqlite_copy(source, Path(connection.settings_dict["NAME"]))
    else:
        # One transaction: a dump that fails half-way leaves the database as empty as it was.
        name = connection.settings_dict["NAME"]
        _pg_run(
            "pg_restore",
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            f"--dbname={name}",
            str(source),
        )


def _sqlite_copy(source: Path, target: Path) -> None:
    """The online backup API copies page by page under a read lock, so writers elsewhere never see a torn copy."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    src.close()
    dst.close()


def _pg_run(tool: str, *args: str) -> None:
    settings = connection.settings_dict
    env = {**os.environ, "PGDATABASE": settings["NAME"]}
    for variable, key in (("PGHOST", "HOST"), ("PGPORT", "PORT"), ("PGUSER", "USER"), ("PGPASSWORD", "PASSWORD")):
        if settings.get(key):
            env[variable] = str(settings[key])
    binary = _pg_binary(tool)
    try:
        finished = subprocess.run([binary, *args], env=env, capture_output=True, text=True, check=False)
    except OSError as exc:
        raise DumpError(f"{tool} could not be started: {exc}") from exc
    if finished.returncode != 0:
        raise DumpError(f"{tool} failed: {finished.stderr.strip()[-2000:]}")


def _pg_binary(tool: str) -> str:
    """The newest installed version (it must be at least the server's), else whatever PATH finds."""
    versions = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{tool}"), key=lambda p: _version(p.parts[-3]))
    if versions:
        return str(versions[-1])
    found = shutil.which(tool)
    if not found:
        raise DumpError(f"{tool} is not installed; it comes with the PostgreSQL client package (postgresql-client).")
    return found


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split(".") if part.isdigit())
