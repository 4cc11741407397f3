"""An example Datadam model backend: the protocol of docs/model-backend.md with the standard library only.

It fills single-choice controls from a tiny word list (Korean and English sentiment words) and is meant
to be copied: replace `predict_one` with your own model (a GPU model works the same way; see the docs).

    python examples/model_backend/server.py --port 9090
    python examples/model_backend/server.py --port 0 --mode slow --delay 3   # prints the port it got
    python examples/model_backend/server.py --device cuda                    # the same model, scored on a GPU

Modes other than `ok` misbehave on purpose, so Datadam's handling of a bad backend can be tested:
`slow` waits before answering, `malformed` answers text that is not JSON, `outside` answers labels the
schema does not have, `error` answers HTTP 500, `flaky` answers 503 to the first `--fail-first` calls.
The server stops by itself after `--max-seconds`.
"""

import argparse
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MODEL = "example-wordlist-1"
POSITIVE_WORDS = ("재미", "최고", "좋", "감동", "훌륭", "추천", "great", "good", "love")
NEGATIVE_WORDS = ("지루", "최악", "별로", "아까", "엉망", "노잼", "bad", "boring", "worst")


def word_scores(text: str) -> tuple[int, int]:
    """(positive, negative) word counts; with --device cuda the same sums run as a matrix product on the GPU."""
    counts = [text.count(word) for word in POSITIVE_WORDS + NEGATIVE_WORDS]
    if DEVICE["torch"] is None:
        return sum(counts[: len(POSITIVE_WORDS)]), sum(counts[len(POSITIVE_WORDS) :])
    torch = DEVICE["torch"]
    weights = torch.zeros((len(counts), 2), device=DEVICE["name"])
    weights[: len(POSITIVE_WORDS), 0] = 1
    weights[len(POSITIVE_WORDS) :, 1] = 1
    positive, negative = (torch.tensor([counts], dtype=torch.float32, device=DEVICE["name"]) @ weights)[0].tolist()
    return int(positive), int(negative)


DEVICE: dict = {"name": "cpu", "torch": None, "label": "cpu"}


def use_device(name: str) -> None:
    """`cuda` needs PyTorch with a GPU; the default install never needs either."""
    if name == "cpu":
        return
    import torch  # only here: a GPU backend brings its own libraries

    if not torch.cuda.is_available():
        raise SystemExit("--device cuda: PyTorch sees no GPU")
    DEVICE.update(name=name, torch=torch, label=f"cuda ({torch.cuda.get_device_name(0)})")


def predict_one(schema: dict, data: dict) -> tuple[dict, float] | None:
    """(result, confidence) for one item, or None when this model has nothing to say."""
    text = str(data.get("text", ""))
    result, confidences = {}, []
    for control in schema.get("controls", []):
        if control.get("type") != "choices" or control.get("multiple"):
            continue
        values = [label if isinstance(label, str) else label.get("value") for label in control.get("labels", [])]
        positive, negative = word_scores(text)
        if {"positive", "negative"} <= set(values) and positive != negative:
            result[control["name"]] = "positive" if positive > negative else "negative"
            confidences.append(min(0.95, 0.6 + 0.1 * abs(positive - negative)))
    if not result:
        return None
    return result, min(confidences)


class Handler(BaseHTTPRequestHandler):
    options: argparse.Namespace
    calls = 0
    lock = threading.Lock()

    def log_message(self, format: str, *args) -> None:  # noqa: A002 (the base class's name)
        if self.options.verbose:
            super().log_message(format, *args)

    def do_GET(self) -> None:
        if self.path != "/health":
            return self._send(404, {"detail": "not found"})
        if self._misbehave():
            return None
        return self._send(200, {"status": "ok", "model": MODEL, "protocol": 1, "device": DEVICE["label"]})

    def do_POST(self) -> None:
        if self.path != "/predict":
            return self._send(404, {"detail": "not found"})
        length = int(self.headers.get("Content-Length") or 0)
        try:
            body = json.loads(self.rfile.read(length))
            items, schema = body["items"], body["project"]["schema"]
        except (ValueError, KeyError, TypeError):
            return self._send(400, {"detail": "expected {project: {schema}, items: [{id, data}]}"})
        if self._misbehave():
            return None
        predictions = []
        for item in items:
            guess = predict_one(schema, item.get("data") or {})
            if guess is None:
                continue
            result, confidence = guess
            if self.options.mode == "outside":
                result = {name: "maybe" for name in result}
            predictions.append({"item": item["id"], "result": result, "confidence": round(confidence, 3)})
        return self._send(200, {"model": MODEL, "predictions": predictions})

    def _misbehave(self) -> bool:
        mode = self.options.mode
        with Handler.lock:
            Handler.calls += 1
            calls = Handler.calls
        if mode == "slow":
            time.sleep(self.options.delay)
        if mode == "error" or (mode == "flaky" and calls <= self.options.fail_first):
            self._send(500 if mode == "error" else 503, {"detail": "the model is not ready"})
            return True
        if mode == "malformed":
            self._send_raw(200, b"<html>this is not JSON</html>")
            return True
        return False

    def _send(self, status: int, body: dict) -> None:
        self._send_raw(status, json.dumps(body, ensure_ascii=False).encode())

    def _send_raw(self, status: int, raw: bytes) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(raw)))
            self.end_headers()
            self.wfile.write(raw)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up waiting (a time-out): nothing to answer


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Example Datadam model backend")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=9090, help="0 picks a free port (printed on the first line)")
    parser.add_argument("--mode", choices=["ok", "slow", "malformed", "outside", "error", "flaky"], default="ok")
    parser.add_argument("--delay", type=float, default=5.0, help="seconds to wait in slow mode")
    parser.add_argument("--fail-first", type=int, default=1, help="calls answered 503 in flaky mode")
    parser.add_argument("--max-seconds", type=float, default=600.0, help="stop by itself after this long")
    parser.add_argument("--device", default="cpu", help="cpu, or cuda to score on a GPU (needs PyTorch)")
    parser.add_argument("--verbose", action="store_true")
    options = parser.parse_args(argv)
    use_device(options.device)
    Handler.options = options
    server = ThreadingHTTPServer((options.host, options.port), Handler)
    server.daemon_threads = True
    timer = threading.Timer(options.max_seconds, server.shutdown)
    timer.daemon = True
    timer.start()
    print(f"listening on http://{options.host}:{server.server_address[1]}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    sys.exit(0)


if __name__ == "__main__":
    main()
