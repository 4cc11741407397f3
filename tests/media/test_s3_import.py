"""Import from an S3-compatible bucket, against a real S3-API server (moto) that the test starts and stops."""

import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import boto3
import pytest
from django.core.files.storage import storages
from django.test import override_settings

from datadam.core.errors import Invalid
from datadam.media import imports
from datadam.media.models import MediaFile
from datadam.projects.models import Item
from tests.media.conftest import png_bytes, store, wav_bytes

pytestmark = pytest.mark.django_db
MOTO = Path(sys.executable).with_name("moto_server")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint() -> Iterator[str]:
    """moto_server on a free port of 127.0.0.1, for this module only, stopped at the end (killed if it hangs)."""
    binary = str(MOTO) if MOTO.exists() else shutil.which("moto_server")
    if not binary:
        pytest.skip("moto_server is not installed (requirements-dev.txt has moto[server])")
    port = free_port()
    process = subprocess.Popen(
        [binary, "-H", "127.0.0.1", "-p", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    pytest.fail("moto_server did not start within 30 s")
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture
def s3_settings(s3_endpoint: str) -> Iterator[dict]:
    values = {
        "DATADAM_S3_ENDPOINT_URL": s3_endpoint,
        "DATADAM_S3_ACCESS_KEY": "testing",
        "DATADAM_S3_SECRET_KEY": "testing",
        "DATADAM_S3_REGION": "us-east-1",
    }
    with override_settings(**values):
        yield values


def bucket_with(endpoint: str, name: str, objects: dict[str, bytes]) -> None:
    client = boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
        region_name="us-east-1",
    )
    client.create_bucket(Bucket=name)
    for key, body in objects.items():
        client.put_object(Bucket=name, Key=key, Body=body)


def test_manager_imports_media_from_a_bucket_prefix(cast, s3_endpoint: str, s3_settings: dict) -> None:
    bucket_with(
        s3_endpoint,
        "field-recordings",
        {
            "2026/a.wav": wav_bytes(1.5),
            "2026/b.png": png_bytes(),
            "2026/sub/c.png": png_bytes(10, 10),
            "other/skip.png": png_bytes(),
        },
    )
    batch = imports.media_import_create_s3(
        actor=cast.manager, project=cast.project, bucket="field-recordings", prefix="2026/"
    )
    batch = imports.media_import_run(batch_id=batch.id)
    names = sorted(item.data["file_name"] for item in Item.objects.filter(batch=batch, is_published=True))
    assert batch.status == "published" and names == ["a.wav", "b.png", "c.png"]
    audio = MediaFile.objects.get(batch=batch, kind="audio")
    assert audio.duration == pytest.approx(1.5)


def test_a_missing_bucket_fails_with_a_reason(cast, s3_settings: dict) -> None:
    batch = imports.media_import_create_s3(actor=cast.manager, project=cast.project, bucket="no-such-bucket")
    batch = imports.media_import_run(batch_id=batch.id)
    assert batch.status == "failed" and "bucket" in batch.errors[0]["reason"]


def test_bucket_name_must_be_given(cast) -> None:
    with pytest.raises(Invalid):
        imports.media_import_create_s3(actor=cast.manager, project=cast.project, bucket=" ")


def test_media_can_live_in_a_bucket(cast, s3_endpoint: str, s3_settings: dict) -> None:
    bucket_with(s3_endpoint, "datadam-media", {})
    options = {
        "bucket_name": "datadam-media",
        "endpoint_url": s3_endpoint,
        "access_key": "testing",
        "secret_key": "testing",
        "region_name": "us-east-1",
        "file_overwrite": False,
    }
    with override_settings(
        STORAGES={**storages.backends, "media": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}}
    ):
        media = store(cast.project, "cat.png", png_bytes(33, 22))
        assert (media.status, media.width) == ("ok", 33)
        assert storages["media"].exists(media.storage_key)
