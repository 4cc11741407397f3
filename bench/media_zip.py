"""Media import of a large ZIP: peak memory and throughput.

Makes a ZIP of about --size-mb MB in a temporary folder (WAV recordings of noise, stored, plus JPEG photos),
then, in a fresh process with a fresh data folder and SQLite database, runs the real import path:
`media_import_create_zip` (the upload is copied into storage) and `media_import_run` (every member is
checked, unpacked, hashed, stored, probed with Pillow or soundfile, and made into an item). The child
reports its wall time and its peak RSS before and after the import, so the growth is the import's own.

    .venv/bin/python bench/media_zip.py                 # 1 GB, about a minute or two on 2 cores
    .venv/bin/python bench/media_zip.py --size-mb 100   # a quick check
"""

import argparse
import io
import json
import os
import resource
import secrets
import subprocess
import sys
import tempfile
import time
import wave
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WAV_MB = 10
PHOTOS = 200


def zip_make(path: Path, size_mb: int) -> tuple[int, int]:
    """Writes the ZIP member by member (never the whole archive in memory); returns (files, unpacked bytes)."""
    import numpy as np
    from PIL import Image

    rng = np.random.default_rng(7)
    files = unpacked = 0
    photo_budget = min(PHOTOS, size_mb)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED, allowZip64=True) as archive:
        for n in range(photo_budget):
            pixels = rng.integers(0, 255, (480, 640, 3), dtype=np.uint8)
            buffer = io.BytesIO()
            Image.fromarray(pixels).save(buffer, format="JPEG", quality=80)
            archive.writestr(f"photos/photo_{n:04d}.jpg", buffer.getvalue())
            files, unpacked = files + 1, unpacked + buffer.tell()
        n = 0
        while unpacked < size_mb * 1024 * 1024:
            frames = WAV_MB * 1024 * 1024 // 2
            buffer = io.BytesIO()
            with wave.open(buffer, "wb") as out:
                out.setnchannels(1)
                out.setsampwidth(2)
                out.setframerate(44_100)
                out.writeframes(rng.integers(-8000, 8000, frames, dtype=np.int16).tobytes())
            archive.writestr(f"speech/clip_{n:04d}.wav", buffer.getvalue())
            files, unpacked, n = files + 1, unpacked + buffer.tell(), n + 1
    return files, unpacked


def child(zip_path: str) -> None:
    """Runs inside a fresh process: migrate, a manager and a project, then the timed import."""
    import django

    os.environ["DJANGO_SETTINGS_MODULE"] = "datadam.settings"
    django.setup()
    from django.core.files import File
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from datadam.accounts import services as accounts
    from datadam.media import imports
    from datadam.projects import services as projects

    manager = accounts.user_signup(username="bench-manager", password=secrets.token_hex(8), display_name="Bench")
    organization = accounts.organization_create(name="Bench", owner=manager)
    schema = {"controls": [{"type": "text", "name": "note", "required": False}]}
    project = projects.project_create(
        actor=manager, organization=organization, name="zip", schema=schema, data_type="audio"
    )
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    with open(zip_path, "rb") as handle:
        batch = imports.media_import_create_zip(
            actor=manager, project=project, upload=File(handle, name="big.zip"), file_name="big.zip"
        )
    stored = time.perf_counter()
    batch = imports.media_import_run(batch_id=batch.id)
    finished = time.perf_counter()
    print(
        json.dumps(
            {
                "status": batch.status,
                "items": batch.items_created,
                "errors": batch.errors[:3],
                "store_s": round(stored - started, 2),
                "run_s": round(finished - stored, 2),
                "rss_before_mb": round(rss_before / 1024, 1),
                "rss_peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=int, default=1024)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    with tempfile.TemporaryDirectory(prefix="datadam-bench-media-") as folder:
        zip_path = Path(folder, "big.zip")
        made = time.perf_counter()
        files, unpacked = zip_make(zip_path, args.size_mb)
        print(
            f"made {zip_path.stat().st_size / 2**20:.0f} MB ZIP, {files} files, in {time.perf_counter() - made:.1f} s"
        )
        env = {
            **os.environ,
            "DATADAM_DATA_DIR": str(Path(folder, "data")),
            "DATADAM_SECRET_KEY": secrets.token_hex(16),
            "DATADAM_MAX_UPLOAD_MB": str(args.size_mb * 2),
            "DATADAM_ZIP_MAX_TOTAL_MB": str(args.size_mb * 2),
        }
        env.pop("DATADAM_DATABASE_URL", None)
        output = subprocess.run(
            [sys.executable, __file__, "--child", str(zip_path)],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        result = json.loads(output.strip().splitlines()[-1])
        total_s = result["store_s"] + result["run_s"]
        result |= {
            "files": files,
            "unpacked_mb": round(unpacked / 2**20, 1),
            "throughput_mb_s": round(unpacked / 2**20 / result["run_s"], 1),
            "end_to_end_mb_s": round(unpacked / 2**20 / total_s, 1),
            "files_per_s": round(files / result["run_s"], 1),
            "rss_growth_mb": round(result["rss_peak_mb"] - result["rss_before_mb"], 1),
        }
        print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
