"""The reviewer's one queue across the projects they hold."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from datadam.review import work_queue
from datadam.review.views import QUEUE_SESSION_KEY, redirect_to_work


@login_required
def queue_page(request: HttpRequest) -> HttpResponse:
    rows = work_queue.review_queue(actor=request.user)
    return render(request, "review/queue.html", {"rows": rows, "waiting": sum(row.waiting for row in rows)})


@login_required
def queue_next(request: HttpRequest) -> HttpResponse:
    """The oldest work across the reviewer's projects; verdicts given from here come back here."""
    found = work_queue.review_next(actor=request.user)
    if found is None:
        request.session.pop(QUEUE_SESSION_KEY, None)
        rows = work_queue.review_queue(actor=request.user)
        return render(request, "review/queue.html", {"rows": rows, "waiting": 0, "empty": True})
    request.session[QUEUE_SESSION_KEY] = True
    return redirect_to_work(found)
