from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from datadam.audit import forms, presenters, selectors

PAGE_SIZE = 50


@login_required
def audit_list(request: HttpRequest) -> HttpResponse:
    """The organization's activity log, newest first, filterable by action, person, project and dates."""
    form = forms.AuditFilterForm(request.GET or None, action_names=selectors.audit_action_names(actor=request.user))
    filters = form.cleaned_data if form.is_valid() else {}
    events = selectors.audit_event_list(
        actor=request.user,
        action=filters.get("action") or "",
        username=filters.get("username") or "",
        project_id=filters.get("project"),
        since=filters.get("since"),
        until=filters.get("until"),
    )
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "rows": presenters.audit_event_rows(page), "query": query.urlencode()}
    return render(request, "audit/list.html", context)
