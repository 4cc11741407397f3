"""Middleware that serves browser pages only: a script's call to the API with a bearer token goes past it.

Flash messages, a page's Content-Security-Policy and its frame rules mean nothing to a JSON answer read by a
script, and together they cost about a tenth of the CPU of an annotator's next-task or submit call. A call
counts as a script's only when it carries `Authorization: Bearer` (a browser sends that header only when a
script of ours asks it to, never on navigation) and goes to /api/; everything else passes the middleware
as before. JSON answers keep `X-Content-Type-Options: nosniff` (SecurityMiddleware), so no browser renders
one as a page.
"""

from django.contrib.messages.middleware import MessageMiddleware
from django.http import HttpRequest, HttpResponse
from django.middleware.clickjacking import XFrameOptionsMiddleware
from django.middleware.csp import ContentSecurityPolicyMiddleware


def is_token_api_call(request: HttpRequest) -> bool:
    return request.path_info.startswith("/api/") and request.META.get("HTTP_AUTHORIZATION", "").startswith("Bearer ")


class _PagesOnly:
    def __call__(self, request: HttpRequest) -> HttpResponse:
        if is_token_api_call(request):
            return self.get_response(request)
        return super().__call__(request)


class ContentSecurityPolicyForPages(_PagesOnly, ContentSecurityPolicyMiddleware):
    pass


class MessagesForPages(_PagesOnly, MessageMiddleware):
    pass


class FrameOptionsForPages(_PagesOnly, XFrameOptionsMiddleware):
    pass
