"""Start the example model backend for real: a subprocess on 127.0.0.1, on a free port, bounded and stopped."""

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

SERVER = Path(__file__).resolve().parents[2] / "examples" / "model_backend" / "server.py"


@contextmanager
def example_backend(*args: str, max_seconds: int = 60) -> Iterator[str]:
    """Yield the backend's address; the process is stopped on the way out (and stops itself after max_seconds)."""
    process = subprocess.Popen(
        [sys.executable, str(SERVER), "--port", "0", "--max-seconds", str(max_seconds), *args],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        line = process.stdout.readline().strip()
        if not line.startswith("listening on "):
            raise RuntimeError(f"the example backend did not start: {line!r}")
        yield line.removeprefix("listening on ")
    finally:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        process.stdout.close()
