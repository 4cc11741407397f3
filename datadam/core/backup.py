"""`datadam backup` and `datadam restore`: the database and the files on local disk in one tar archive.

The archive holds the database snapshot (dbdump), every file of the storages kept on local disk under
files/<storage>/, and manifest.json last: the database kind, the migrations applied, and each member's size
and SHA-256, computed while it is written, so every byte is read once. Restore reads the manifest first,
refuses a file that is not a backup, a backup of the other database kind and a target that already holds
data, then checks every member's hash as it writes it. Files kept in an S3-compatible bucket are not copied:
the bucket has its own versioning and replication, and the manifest names the bucket instead.
"""

import hashlib
import json
import os
import tarfile
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.db import connection

from datadam.core import dbdump

FORMAT = "datadam-backup"
VERSION = 1
MANIFEST = "manifest.json"
STORAGE_ALIASES = ("default", "media")
BLOCK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot go on; the message tells the operator what to do."""


@dataclass
class Summary:
    database: str
    files: int = 0
    file_bytes: int = 0
    object_storage: list[str] = field(default_factory=list)


class _Hashing:
    """A file object that hashes what tarfile reads from it."""

    def __init__(self, handle: IO[bytes]) -> None:
        self.handle, self.digest = handle, hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self.handle.read(size)
        self.digest.update(data)
        return data


def _local_storages() -> tuple[dict[str, Path], list[str]]:
    """{storage alias: folder} for storages on local disk (one alias per folder), and the buckets of the others."""
    folders: dict[str, Path] = {}
    buckets = []
    for alias in STORAGE_ALIASES:
        storage = storages[alias]
        if isinstance(storage, FileSystemStorage):
            folder = Path(storage.location).resolve()
            if folder not in folders.values():
                folders[alias] = folder
        else:
            buckets.append(f"{alias}: {getattr(storage, 'bucket_name', type(storage).__name__)}")
    return folders, buckets


def _applied_migrations() -> list[list[str]]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
        return [list(row) for row in cursor.fetchall()]


def _add(archive: tarfile.TarFile, path: Path, name: str) -> dict[str, Any]:
    info = archive.gettarinfo(str(path), arcname=name)
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    with path.open("rb") as handle:
        reader = _Hashing(handle)
        archive.addfile(info, reader)
    return {"size": info.size, "sha256": reader.digest.hexdigest()}


def backup_create(target: Path) -> Summary:
    """Write the database snapshot and the local files to `target` (a new tar file)."""
    kind = dbdump.database_kind()
    if dbdump.database_is_empty():
        raise BackupError("The database is empty: there is nothing to back up (run `datadam migrate` first?).")
    folders, buckets = _local_storages()
    summary = Summary(database=dbdump.KINDS[kind], object_storage=buckets)
    members: dict[str, dict[str, Any]] = {}
    partial = target.with_name(f".{target.name}.partial")
    scratch_root = Path(settings.DATA_DIR) / "tmp"
    scratch_root.mkdir(parents=True, exist_ok=True)
    try:
        with tempfile.TemporaryDirectory(dir=scratch_root) as scratch, tarfile.open(partial, "w") as archive:
            snapshot = Path(scratch) / dbdump.DUMP_NAMES[kind]
            dbdump.dump(snapshot)
            members[snapshot.name] = _add(archive, snapshot, snapshot.name)
            for alias, folder in folders.items():
                for path in sorted(p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()):
                    name = f"files/{alias}/{path.relative_to(folder).as_posix()}"
                    members[name] = _add(archive, path, name)
                    summary.files += 1
                    summary.file_bytes += members[name]["size"]
            manifest = {
                "format": FORMAT,
                "version": VERSION,
                "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                "database": kind,
                "migrations": _applied_migrations(),
                "storages": {alias: "local" for alias in folders},
                "object_storage": buckets,
                "members": members,
            }
            body = json.dumps(manifest, indent=1, ensure_ascii=False).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime = len(body), int(time.time())
            archive.addfile(info, _Bytes(body))
        os.replace(partial, target)  # a backup that broke off never looks like a whole one
    finally:
        partial.unlink(missing_ok=True)
    return summary


class _Bytes:
    def __init__(self, data: bytes) -> None:
        self.data, self.offset = data, 0

    def read(self, size: int = -1) -> bytes:
        end = len(self.data) if size < 0 else self.offset + size
        chunk, self.offset = self.data[self.offset : end], min(end, len(self.data))
        return chunk


def read_manifest(archive: tarfile.TarFile, source: Path) -> dict[str, Any]:
    try:
        handle = archive.extractfile(MANIFEST)
        manifest = json.loads(handle.read()) if handle else None
    except (KeyError, ValueError):
        manifest = None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{source.name} is not a Datadam backup: it holds no Datadam manifest.")
    if not isinstance(manifest.get("version"), int) or manifest["version"] > VERSION:
        raise BackupError(f"{source.name} was written by a newer Datadam; restore it with that version.")
    return manifest


def _check_target(manifest: dict[str, Any], folders: dict[str, Path]) -> None:
    kind = dbdump.database_kind()
    if manifest["database"] != kind:
        raise BackupError(
            f"This backup holds a {dbdump.KINDS.get(manifest['database'], manifest['database'])} database, "
            f"but this Datadam is set up for {dbdump.KINDS[kind]}. Point DATADAM_DATABASE_URL at an empty "
            f"database of the backup's kind (unset it for SQLite) and run restore again."
        )
    if not dbdump.database_is_empty():
        raise BackupError(
            "The database already holds tables. Restore writes only into an empty database, so that nothing "
            "is overwritten: create a new database (or a new DATADAM_DATA_DIR for SQLite) and run restore again."
        )
    for alias in manifest.get("storages", {}):
        folder = folders.get(alias)
        if folder is None:
            raise BackupError(
                f"The backup holds the {alias!r} files of a local folder, but that storage is now an S3 bucket; "
                "restore into a local folder first, then copy the files into the bucket."
            )
        if folder.exists() and any(folder.iterdir()):
            raise BackupError(f"The folder for {alias!r} files is not empty ({folder}); restore into an empty one.")


def _extract(archive: tarfile.TarFile, name: str, expected: dict[str, Any], target: Path) -> None:
    source = archive.extractfile(name)
    if source is None:
        raise BackupError(f"The backup is damaged: {name} is missing.")
    target.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    with target.open("wb") as out:
        while block := source.read(BLOCK):
            digest.update(block)
            out.write(block)
    if digest.hexdigest() != expected.get("sha256"):
        raise BackupError(f"The backup is damaged: {name} does not match the hash its manifest records.")


def backup_restore(source: Path) -> Summary:
    """Restore a backup into an empty database and empty file folders, checking every member's hash."""
    try:
        archive = tarfile.open(source, "r:")
    except (tarfile.TarError, OSError) as exc:
        raise BackupError(f"{source.name} is not a Datadam backup: it cannot be read as a tar archive.") from exc
    with archive:
        manifest = read_manifest(archive, source)
        folders, _buckets = _local_storages()
        _check_target(manifest, folders)
        members: dict[str, dict[str, Any]] = manifest.get("members", {})
        summary = Summary(dbdump.KINDS[manifest["database"]], object_storage=manifest.get("object_storage", []))
        for name, expected in members.items():
            if not name.startswith("files/"):
                continue
            alias, _, relative = name.removeprefix("files/").partition("/")
            folder = folders[alias]
            target = (folder / relative).resolve()
            if not target.is_relative_to(folder):
                raise BackupError(f"The backup is damaged: {name} points outside its folder.")
            _extract(archive, name, expected, target)
            summary.files += 1
            summary.file_bytes += expected["size"]
        dump_name = dbdump.DUMP_NAMES[manifest["database"]]
        if dump_name not in members:
            raise BackupError(f"The backup is damaged: it holds no {dump_name}.")
        scratch_root = Path(settings.DATA_DIR) / "tmp"
        scratch_root.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=scratch_root) as scratch:
            snapshot = Path(scratch) / dump_name
            _extract(archive, dump_name, members[dump_name], snapshot)
            dbdump.load(snapshot)
    return summary
