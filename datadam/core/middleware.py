import json

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from datadam.core.errors import DomainError, NotFound

# Room for the multipart envelope around a file that is just under the limit.
ENVELOPE_BYTES = 1024 * 1024


class UploadLimitMiddleware:
    """Refuse a body over the upload limit from its Content-Length, before a byte of it is read."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = settings.DATADAM_MAX_UPLOAD_BYTES
        if length > limit + ENVELOPE_BYTES:
            message = _("The file is larger than the %(limit)d MB limit.") % {"limit": limit // (1024 * 1024)}
            if request.path.startswith("/api/"):
                return HttpResponse(json.dumps({"detail": message}), status=413, content_type="application/json")
            return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


class DomainErrorPageMiddleware:
    """On pages, a DomainError a view did not handle becomes a plain error page with its message.

    The API has its own handler (datadam/api.py) that answers JSON instead.
    """

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, DomainError) or request.path.startswith("/api/"):
            return None
        message = None if isinstance(exception, NotFound) else exception.message
        context = {"status": exception.status_code, "message": message}
        return render(request, "error.html", context, status=exception.status_code)
