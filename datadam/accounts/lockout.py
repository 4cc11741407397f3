"""Log-in protection on top of django-axes: two limits, one lock for both log-in forms, a plain 429.

Axes counts failed log-ins in the database (so every web process agrees) for the lockout parameters in
settings: a user name at one address, and an address over all user names. Axes has one failure limit; this
handler gives the address its own, higher one (DATADAM_LOGIN_MAX_FAILURES_PER_ADDRESS), and tells when a lock
ends so the page can say it.
"""

import math
from datetime import datetime, timedelta

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def login_username(request: HttpRequest, credentials: dict | None) -> str | None:
    """The user name a try is counted under: user names differ by case only in spelling, not in person."""
    name = (credentials or {}).get("username") or request.POST.get("username") or ""
    return name.strip().lower()[:150] or None


class LoginLockoutHandler(AxesDatabaseHandler):
    """Axes' database handler with a limit per user name and address, and another per address."""

    def get_failures(self, request: HttpRequest, credentials: dict | None = None) -> int:
        """Failures measured against AXES_FAILURE_LIMIT: the user name's at this address, or the limit itself
        once the address as a whole has used up its own allowance."""
        by_address, by_person = self._recent(request, credentials)
        if _sum(by_address) >= settings.DATADAM_LOGIN_MAX_FAILURES_PER_ADDRESS:
            return max(_sum(by_person), settings.AXES_FAILURE_LIMIT)
        return _sum(by_person)

    def reset_user_attempts(self, request: HttpRequest, credentials: dict | None = None) -> int:
        """A successful log-in clears that person's count at this address only: clearing the address's count
        too would let a guesser with one real account start again after every 29 tries."""
        _by_address, by_person = self._recent(request, credentials, all_times=True)
        count, _deleted = by_person.delete()
        return count

    def locked_until(self, request: HttpRequest, credentials: dict | None = None) -> datetime | None:
        """When the lock on this request ends, or None when it is not locked."""
        by_address, by_person = self._recent(request, credentials)
        ends = [
            _expiry(by_person, settings.AXES_FAILURE_LIMIT, request),
            _expiry(by_address, settings.DATADAM_LOGIN_MAX_FAILURES_PER_ADDRESS, request),
        ]
        return max((end for end in ends if end is not None), default=None)

    def _recent(
        self, request: HttpRequest, credentials: dict | None, *, all_times: bool = False
    ) -> tuple[QuerySet, QuerySet]:
        by_address = AccessAttempt.objects.filter(ip_address=request.axes_ip_address)
        if not all_times:
            by_address = by_address.filter(attempt_time__gte=get_cool_off_threshold(request))
        return by_address, by_address.filter(username=get_client_username(request, credentials))


def _sum(attempts: QuerySet) -> int:
    return sum(attempts.values_list("failures_since_start", flat=True))


def _expiry(attempts: QuerySet, limit: int, request: HttpRequest) -> datetime | None:
    """Rows leave the count one by one as their last failure grows old; the lock ends when the row that
    brought the newest rows up to the limit leaves."""
    counted = 0
    for failures, last_at in attempts.order_by("-attempt_time").values_list("failures_since_start", "attempt_time"):
        counted += failures
        if counted >= limit:
            return last_at + (get_cool_off(request) or timedelta())
    return None


def lockout_response(request: HttpRequest, original_response: HttpResponse | None, credentials: dict | None):
    """The answer to a locked-out try on either log-in form: 429, the time to come back, a way to reset."""
    until = LoginLockoutHandler().locked_until(request, credentials)
    seconds = int((until - request.axes_attempt_time).total_seconds()) if until else 0
    context = {"until": until, "minutes": max(1, math.ceil(seconds / 60))}
    response = render(request, "accounts/locked_out.html", context, status=429)
    response["Retry-After"] = str(max(seconds, 1))
    return response
