"""Easy-read mode: larger text, bigger targets and, in Korean, simpler sentences, for first-time computer users
and people with cognitive disabilities. A person turns it on with a switch in the header; a cookie keeps it, so
it works before logging in too.

The simpler sentences are a third catalog of the same messages, `ko_Easy` (language code "ko-easy"): gettext
falls back from it to the Korean catalog, so a message without an easy wording reads as usual.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

COOKIE = "datadam_easy_read"
EASY_LANGUAGE = "ko-easy"
COOKIE_SECONDS = 365 * 24 * 3600


def is_on(request: HttpRequest) -> bool:
    return request.COOKIES.get(COOKIE) == "1"


class EasyReadMiddleware:
    """After LocaleMiddleware: a Korean page in easy-read mode takes its words from the easy catalog."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if is_on(request) and translation.get_language() == "ko":
            translation.activate(EASY_LANGUAGE)
        return self.get_response(request)


def easy_read(request: HttpRequest) -> dict:
    """For base.html: the switch's state, and the page language without the easy variant (for `lang`)."""
    return {"easy_read": is_on(request), "page_language": (translation.get_language() or "ko").split("-")[0]}


@require_POST
def easy_read_toggle(request: HttpRequest) -> HttpResponse:
    target = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    response = redirect(target)
    if request.POST.get("on") == "1":
        response.set_cookie(COOKIE, "1", max_age=COOKIE_SECONDS, samesite="Lax", secure=request.is_secure())
    else:
        response.delete_cookie(COOKIE, samesite="Lax")
    return response
