"""Report a problem item (the worker, beside Skip) and the manager's queue of reports."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from datadam.core.errors import DomainError
from datadam.labeling import reports
from datadam.labeling.models import ItemReport


@login_required
@require_POST
def report_item(request: HttpRequest, project_id: int, assignment_id: int) -> HttpResponse:
    try:
        report = reports.item_report(
            actor=request.user,
            assignment_id=assignment_id,
            reason=request.POST.get("reason", ""),
            note=request.POST.get("note", ""),
        )
    except DomainError as exc:
        if exc.status_code == 404:
            raise
        messages.error(request, exc.message)
        return redirect("labeling:start", project_id=project_id)
    if report.reason == ItemReport.Reason.PERSONAL_DATA:
        messages.success(request, _("Thank you. The item is held back from everyone until a manager decides."))
    else:
        messages.success(request, _("Thank you. A manager will look at it; here is your next task."))
    return redirect("labeling:start", project_id=report.project_id)


@login_required
def report_queue(request: HttpRequest, project_id: int) -> HttpResponse:
    project, queue = reports.item_report_queue(actor=request.user, project_id=project_id)
    return render(request, "labeling/report_queue.html", {"project": project, "reports": queue})


@login_required
@require_POST
def report_decide(request: HttpRequest, project_id: int, report_id: int, remove: bool) -> HttpResponse:
    try:
        reports.item_report_decide(actor=request.user, project_id=project_id, report_id=report_id, remove=remove)
    except DomainError as exc:
        if exc.status_code == 404:
            raise
        messages.error(request, exc.message)
    else:
        done = _("The item is removed from the project.") if remove else _("The item is back at work.")
        messages.success(request, done)
    return redirect("item_reports:queue", project_id=project_id)
