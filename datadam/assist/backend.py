"""The client side of the model-backend protocol (docs/model-backend.md): health, predict, time-outs, retries.

Plain standard-library HTTP, so the default install needs nothing more. Every failure becomes a
BackendError with a short reason the manager can read; the caller logs it and serves items without pre-labels.
"""

import json
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlsplit

from datadam.core.errors import JsonOutOfBounds
from datadam.core.text import load_bounded_json

PROTOCOL_VERSION = 1
MAX_RESPONSE_BYTES = 20 * 1024 * 1024


class BackendError(Exception):
    def __init__(self, what: str, message: str) -> None:
        super().__init__(message)
        self.what = what  # down | slow | http_error | malformed
        self.message = message


@dataclass(frozen=True)
class BackendPrediction:
    item_id: int
    result: dict
    confidence: float | None
    uncertainty: float | None


def check_url(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise ValueError("the backend address must start with http:// or https:// and name a host")
    return url.rstrip("/")


class BackendClient:
    def __init__(self, url: str, *, timeout: float = 10.0, retries: int = 2, backoff: float = 0.2) -> None:
        self.url = check_url(url)
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff

    def health(self) -> dict:
        body = self._call("GET", "/health", None)
        if not isinstance(body, dict) or body.get("status") != "ok":
            raise BackendError("malformed", 'the health check must answer {"status": "ok", ...}')
        return body

    def predict(self, *, project: dict, items: list[dict]) -> tuple[str, list[BackendPrediction]]:
        """(model name, predictions). Shape errors of the whole answer raise; each prediction is checked later."""
        body = self._call("POST", "/predict", {"protocol": PROTOCOL_VERSION, "project": project, "items": items})
        if not isinstance(body, dict) or not isinstance(body.get("predictions"), list):
            raise BackendError("malformed", 'the answer must be an object with a list "predictions"')
        model = body.get("model")
        model_name = model if isinstance(model, str) and model else "backend"
        asked = {item["id"] for item in items}
        predictions = []
        for entry in body["predictions"]:
            prediction = _parse_prediction(entry)
            if prediction.item_id not in asked:
                raise BackendError(
                    "malformed", f"a prediction names item {prediction.item_id}, which was not asked for"
                )
            predictions.append(prediction)
        return model_name[:100], predictions

    def _call(self, method: str, path: str, payload: dict | None) -> object:
        last: BackendError | None = None
        for attempt in range(self.retries + 1):
            if attempt:
                time.sleep(self.backoff * 2 ** (attempt - 1))
            try:
                return self._once(method, path, payload)
            except BackendError as exc:
                last = exc
                if exc.what == "malformed":  # a wrong answer will not become right when asked again
                    raise
        raise last  # type: ignore[misc]

    def _once(self, method: str, path: str, payload: dict | None) -> object:
        data = json.dumps(payload, ensure_ascii=False).encode() if payload is not None else None
        request = urllib.request.Request(
            self.url + path, data=data, method=method, headers={"Content-Type": "application/json"}
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310 (scheme checked)
                raw = response.read(MAX_RESPONSE_BYTES + 1)
        except urllib.error.HTTPError as exc:
            raise BackendError("http_error", f"the backend answered HTTP {exc.code} to {path}") from None
        except TimeoutError:
            raise BackendError("slow", f"no answer to {path} within {self.timeout:g} s") from None
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError):
                raise BackendError("slow", f"no answer to {path} within {self.timeout:g} s") from None
            raise BackendError("down", f"cannot reach the backend: {exc.reason}") from None
        except OSError as exc:
            raise BackendError("down", f"cannot reach the backend: {exc}") from None
        if len(raw) > MAX_RESPONSE_BYTES:
            raise BackendError("malformed", "the answer is larger than 20 MB")
        try:
            return load_bounded_json(raw, max_bytes=MAX_RESPONSE_BYTES)
        except ValueError:
            raise BackendError("malformed", f"the answer to {path} is not JSON") from None
        except JsonOutOfBounds as exc:
            raise BackendError("malformed", f"the answer to {path}: {exc.message}") from None


def _parse_prediction(entry: object) -> BackendPrediction:
    if (
        not isinstance(entry, dict)
        or not isinstance(entry.get("item"), int)
        or not isinstance(entry.get("result"), dict)
    ):
        raise BackendError("malformed", 'each prediction needs "item" (an id) and "result" (an object)')
    scores = []
    for key in ("confidence", "uncertainty"):
        value = entry.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1):
            raise BackendError("malformed", f'"{key}" must be a number from 0 to 1 (item {entry["item"]})')
        scores.append(None if value is None else float(value))
    confidence, uncertainty = scores
    if uncertainty is None and confidence is not None:
        uncertainty = 1.0 - confidence
    return BackendPrediction(
        item_id=entry["item"], result=entry["result"], confidence=confidence, uncertainty=uncertainty
    )
