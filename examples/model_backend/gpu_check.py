"""Check the model-backend protocol against the example backend scoring on a GPU (run where a GPU is).

    python3 examples/model_backend/gpu_check.py

Needs only the standard library here, and PyTorch with CUDA for the backend; prints what it found.
"""

import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from datadam.assist.backend import BackendClient  # noqa: E402

SCHEMA = {"controls": [{"type": "choices", "name": "sentiment", "labels": ["positive", "negative"]}]}
TEXTS = ["정말 재미있고 최고", "지루하고 최악", "그냥 그랬다"]


def main() -> int:
    server = ROOT / "examples" / "model_backend" / "server.py"
    process = subprocess.Popen(
        [sys.executable, str(server), "--port", "0", "--device", "cuda", "--max-seconds", "120"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        line = process.stdout.readline().strip()
        if not line.startswith("listening on "):
            print("the backend did not start:", line or process.wait())
            return 1
        client = BackendClient(line.removeprefix("listening on "), timeout=30)
        print("health:", client.health())
        started = time.perf_counter()
        items = [{"id": number, "data": {"text": text}} for number, text in enumerate(TEXTS, start=1)]
        model, predictions = client.predict(project={"id": 1, "schema": SCHEMA}, items=items)
        print(f"predict: {model}, {len(predictions)} predictions in {time.perf_counter() - started:.3f} s")
        for prediction in predictions:
            print(" ", prediction)
        return 0 if len(predictions) == 2 else 1
    finally:
        process.terminate()
        process.wait(timeout=10)


if __name__ == "__main__":
    sys.exit(main())
