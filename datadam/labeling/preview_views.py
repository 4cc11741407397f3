"""The builder's live preview: the task page for the schema being written, as an HTML fragment."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from datadam.core.errors import NotFound
from datadam.labeling.preview import preview_context
from datadam.projects import permissions
from datadam.projects import selectors as project_selectors


@login_required
@require_POST
def schema_preview(request: HttpRequest, project_id: int | None = None) -> HttpResponse:
    """For a new project (anyone who may create one) or a project the person manages (its first item)."""
    project = None
    if project_id is not None:
        project = project_selectors.project_managed_get(actor=request.user, project_id=project_id)
    elif not permissions.can_create_project(request.user):
        raise NotFound(_("No such page."))
    context = preview_context(
        actor=request.user,
        schema_text=request.POST.get("schema", "")[:200_000],
        data_type=request.POST.get("data_type", "")[:10],
        project=project,
    )
    return render(request, "labeling/_preview.html", context)
