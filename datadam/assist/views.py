from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from datadam.assist import runs, selectors, services
from datadam.assist.forms import AssistSettingsForm
from datadam.core.errors import DomainError


@login_required
def assistant_page(request: HttpRequest, project_id: int) -> HttpResponse:
    """The model card, the switch and the queue order of one project (its managers only)."""
    overview = selectors.assist_overview_get(actor=request.user, project_id=project_id)
    form = AssistSettingsForm(request.POST or None, instance=overview.settings)
    error = None
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            services.assist_settings_update(actor=request.user, project=overview.project, **fields)
        except DomainError as exc:
            error = exc.message
        else:
            messages.success(request, _("Saved."))
            return redirect("assist:assistant", project_id=project_id)
    status = 422 if error else 400 if form.errors else 200
    context = {"overview": overview, "project": overview.project, "form": form, "error": error}
    return render(request, "assist/assistant.html", context, status=status)


@login_required
def assistant_card(request: HttpRequest, project_id: int) -> HttpResponse:
    """The model card alone: the page polls it while a run is queued or working."""
    overview = selectors.assist_overview_get(actor=request.user, project_id=project_id)
    return render(request, "assist/_card.html", {"overview": overview, "project": overview.project})


@login_required
@require_POST
def assistant_run(request: HttpRequest, project_id: int) -> HttpResponse:
    overview = selectors.assist_overview_get(actor=request.user, project_id=project_id)
    try:
        runs.assist_run_request(actor=request.user, project=overview.project)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The assistant will learn and pre-label in the background."))
    return redirect("assist:assistant", project_id=project_id)


@login_required
@require_POST
def assistant_health(request: HttpRequest, project_id: int) -> HttpResponse:
    overview = selectors.assist_overview_get(actor=request.user, project_id=project_id)
    try:
        health = services.backend_health_check(actor=request.user, project=overview.project)
    except DomainError as exc:
        messages.error(request, _("The model backend did not answer well: %(reason)s") % {"reason": exc.message})
    else:
        model = str(health.get("model", ""))[:100]
        messages.success(request, _("The model backend answers. Model: %(model)s") % {"model": model})
    return redirect("assist:assistant", project_id=project_id)
