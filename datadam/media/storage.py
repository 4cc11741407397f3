"""Where media bytes live: the "media" storage (a local folder, or an S3-compatible bucket)."""

from django.core.files.storage import Storage, storages


def media_storage() -> Storage:
    return storages["media"]
