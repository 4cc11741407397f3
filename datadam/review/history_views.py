"""An item's history: every step for managers, the labeler's own path for the labeler."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from datadam.projects import selectors as project_selectors
from datadam.review import history


@login_required
def item_history(request: HttpRequest, project_id: int, item_id: int) -> HttpResponse:
    item, steps = history.item_history_for_manager(actor=request.user, project_id=project_id, item_id=item_id)
    context = {"project": item.project, "item": item, "steps": steps, "own": False}
    return render(request, "review/item_history.html", context)


@login_required
def item_history_find(request: HttpRequest, project_id: int) -> HttpResponse:
    """The reviewers page's look-up by item number."""
    project = project_selectors.project_managed_get(actor=request.user, project_id=project_id)
    number = request.GET.get("item", "").strip()
    if not number.isdigit() or len(number) > 18:
        messages.error(request, _("Write the item's number."))
        return redirect("review:reviewers", project_id=project.id)
    return redirect("review:item_history", project_id=project.id, item_id=int(number))


@login_required
def my_items(request: HttpRequest, project_id: int) -> HttpResponse:
    project = project_selectors.project_get(actor=request.user, project_id=project_id)
    assignments = history.my_items(actor=request.user, project_id=project.id)
    return render(request, "review/my_items.html", {"project": project, "assignments": assignments})


@login_required
def my_item_history(request: HttpRequest, project_id: int, assignment_id: int) -> HttpResponse:
    item, steps = history.item_history_for_labeler(
        actor=request.user, project_id=project_id, assignment_id=assignment_id
    )
    context = {"project": item.project, "item": item, "steps": steps, "own": True}
    return render(request, "review/item_history.html", context)
