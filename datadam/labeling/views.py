from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from datadam.core.errors import LeaseExpired, SchemaViolation
from datadam.labeling import page_layout, selectors, services
from datadam.labeling.active_seconds import active_seconds_from_post
from datadam.labeling.models import Assignment
from datadam.media.selectors import item_media
from datadam.projects import selectors as project_selectors
from datadam.projects import withheld
from datadam.projects.schema.answers import answer_from_post
from datadam.projects.schema.validate import schema_parse
from datadam.projects.services import guideline_html


@login_required
def task_start(request: HttpRequest, project_id: int) -> HttpResponse:
    """Resume the task in progress or lease the next one, then show it at its own address. A project that
    serves several items a page sends the worker to the task page instead."""
    project = project_selectors.project_get(actor=request.user, project_id=project_id)
    if project.items_per_page > 1:
        return redirect("labeling:page", project_id=project.id)
    assignment = services.assignment_lease_next(actor=request.user, project=project)
    if assignment is None:
        return render(request, "labeling/no_tasks.html", {"project": project})
    return redirect("labeling:task", project_id=project.id, assignment_id=assignment.id)


@login_required
def task_page(request: HttpRequest, project_id: int, assignment_id: int) -> HttpResponse:
    assignment = selectors.assignment_get(actor=request.user, assignment_id=assignment_id)
    if assignment.project_id != project_id or assignment.status != Assignment.Status.ACTIVE:
        return redirect("labeling:start", project_id=assignment.project_id)
    withheld.item_check_shown(assignment.item)
    schema = schema_parse(assignment.project.schema)
    if assignment.draft:
        return _render_task(request, assignment, values=assignment.draft, error=None)
    # No draft yet: a pre-label is the editable start, marked as such for the worker.
    prefill = page_layout.prefill_of(schema, assignment.item.prediction)
    return _render_task(request, assignment, values=prefill, error=None, prefilled=frozenset(prefill))


def _render_task(
    request: HttpRequest,
    assignment: Assignment,
    *,
    values: dict,
    error: str | None,
    prefilled: frozenset[str] = frozenset(),
) -> HttpResponse:
    schema = schema_parse(assignment.project.schema)
    media = item_media(request.user, assignment.item)
    blocks = page_layout.blocks_for_display(schema, values, data=assignment.item.data, media=media, prefilled=prefilled)
    context = {
        "assignment": assignment,
        "project": assignment.project,
        "item": assignment.item,
        "blocks": blocks,
        "widgets": page_layout.widget_kinds(blocks),
        "plain_media": page_layout.plain_media(blocks, media),
        "text_in_widget": any(block["widget"] == "text" and block["source"] == "text" for block in blocks),
        "prefilled": bool(prefilled),
        "widget_messages": page_layout.widget_messages(),
        "guideline_html": guideline_html(assignment.project.guideline),
        "done_count": selectors.annotation_list_mine(actor=request.user, project=assignment.project).count(),
        "error": error,
    }
    return render(request, "labeling/task.html", context, status=422 if error else 200)


@login_required
@require_POST
def task_submit(request: HttpRequest, project_id: int, assignment_id: int) -> HttpResponse:
    assignment = selectors.assignment_get(actor=request.user, assignment_id=assignment_id)
    result = answer_from_post(schema_parse(assignment.project.schema), request.POST)
    try:
        services.annotation_submit(
            actor=request.user,
            assignment_id=assignment.id,
            result=result,
            active_seconds=active_seconds_from_post(request.POST),
        )
    except SchemaViolation as exc:
        return _render_task(request, assignment, values=result, error=exc.message)
    except LeaseExpired as exc:
        messages.warning(request, exc.message)
        return redirect("labeling:start", project_id=assignment.project_id)
    messages.success(request, _("Submitted. Here is your next task."))
    return redirect("labeling:start", project_id=assignment.project_id)


@login_required
@require_POST
def task_skip(request: HttpRequest, project_id: int, assignment_id: int) -> HttpResponse:
    assignment = services.assignment_skip(actor=request.user, assignment_id=assignment_id)
    messages.info(request, _("Skipped. This item will not be shown to you again."))
    return redirect("labeling:start", project_id=assignment.project_id)
