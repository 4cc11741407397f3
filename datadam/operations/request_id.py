"""A request id on every log line of a request, and on its response (X-Request-ID).

A load balancer's X-Request-ID is kept when it looks like an id (8 to 128 letters, digits and . _ : -), so the
proxy's log and ours name a request alike; anything else (made up by a client, or a log-injection attempt)
is replaced by a fresh id. The id lives in a context variable, which each thread and each request has its own.
"""

import logging
import re
import uuid
from collections.abc import Callable
from contextvars import ContextVar

from django.http import HttpRequest, HttpResponse

SANE_ID = re.compile(r"[A-Za-z0-9._:-]{8,128}")
NO_REQUEST = "-"
current_request_id: ContextVar[str] = ContextVar("request_id", default=NO_REQUEST)


def request_id_for(incoming: str) -> str:
    return incoming if SANE_ID.fullmatch(incoming) else uuid.uuid4().hex


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = request_id_for(request.headers.get("X-Request-ID", ""))
        request.request_id = request_id
        # Not reset on the way out: Django logs a 404 or a 500 after the middleware has answered, and that
        # line must name the request too. request_finished (request_id_forget) clears it.
        current_request_id.set(request_id)
        response = self.get_response(request)
        response["X-Request-ID"] = request_id
        return response


def request_id_forget(**_kwargs) -> None:
    current_request_id.set(NO_REQUEST)


class RequestIdFilter(logging.Filter):
    """Gives every record the id of the request it was logged in ("-" outside a request, as in a worker)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = current_request_id.get()
        return True
