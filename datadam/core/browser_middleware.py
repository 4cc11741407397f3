"""Middleware that serves browser pages only: a script's call to the API with a bearer token goes past it.

Sessions, the CSRF cookie, the session's user, log-in lockout, flash messages, a page's Content-Security-Policy
and its frame rules mean nothing to a JSON answer read by a script that proves who it is with a token, and
together they cost about a tenth of the CPU of an annotator's next-task or submit call. A call counts as a
script's only when it carries `Authorization: Bearer` (a browser sends that header only when a script of ours
asks it to, never on navigation) and goes to /api/; everything else passes the middleware as before.

A script's call has no session, so its `request.user` is the anonymous user: an unknown token is refused
(401) as it is for a browser without a session. JSON answers keep `X-Content-Type-Options: nosniff`
(SecurityMiddleware), so no browser renders one as a page.
"""

from axes.middleware import AxesMiddleware
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.middleware import MessageMiddleware
from django.contrib.sessions.middleware import SessionMiddleware
from django.http import HttpRequest, HttpResponse
from django.middleware.clickjacking import XFrameOptionsMiddleware
from django.middleware.csp import ContentSecurityPolicyMiddleware
from django.middleware.csrf import CsrfViewMiddleware


def is_token_api_call(request: HttpRequest) -> bool:
    return request.path_info.startswith("/api/") and request.META.get("HTTP_AUTHORIZATION", "").startswith("Bearer ")


class _PagesOnly:
    def __call__(self, request: HttpRequest) -> HttpResponse:
        if is_token_api_call(request):
            return self.get_response(request)
        return super().__call__(request)


class SessionForPages(_PagesOnly, SessionMiddleware):
    pass


class CsrfForPages(_PagesOnly, CsrfViewMiddleware):
    def process_view(self, request: HttpRequest, callback, callback_args, callback_kwargs) -> HttpResponse | None:
        if is_token_api_call(request):
            return None
        return super().process_view(request, callback, callback_args, callback_kwargs)


class AuthenticationForPages(AuthenticationMiddleware):
    def __call__(self, request: HttpRequest) -> HttpResponse:
        if is_token_api_call(request):
            request.user = AnonymousUser()
            return self.get_response(request)
        return super().__call__(request)


class LoginLockoutForPages(_PagesOnly, AxesMiddleware):
    pass


class ContentSecurityPolicyForPages(_PagesOnly, ContentSecurityPolicyMiddleware):
    pass


class MessagesForPages(_PagesOnly, MessageMiddleware):
    pass


class FrameOptionsForPages(_PagesOnly, XFrameOptionsMiddleware):
    pass
