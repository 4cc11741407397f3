from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from datadam.core.errors import Invalid
from datadam.projects import selectors as project_selectors
from datadam.projects import stages
from datadam.projects.models import InspectionStage
from datadam.review import stage_settings
from datadam.review.stage_forms import OverturnPayForm, StageForm, StageFormSet, later_stages


@login_required
def stages_page(request: HttpRequest, project_id: int) -> HttpResponse:
    """A project's inspection chain: its first stage as the project sets it, and the later stages to edit."""
    project = project_selectors.project_managed_get(actor=request.user, project_id=project_id)
    rows = InspectionStage.objects.filter(project=project).order_by("position")
    formset = StageFormSet(request.POST or None, initial=[StageForm.initial_for(row) for row in rows], prefix="stage")
    policy = OverturnPayForm(request.POST or None, initial={"overturn_pay": project.overturn_pay})
    error = None
    if request.method == "POST" and formset.is_valid() and policy.is_valid():
        try:
            stage_settings.inspection_stages_set(
                actor=request.user,
                project=project,
                later=later_stages(formset),
                overturn_pay=policy.cleaned_data["overturn_pay"],
            )
        except Invalid as exc:
            error = exc.message
        else:
            messages.success(request, _("The inspection stages are saved."))
            return redirect("review:stages", project_id=project.id)
    context = {
        "project": project,
        "first": stages.first_stage(project),
        "formset": formset,
        "policy": policy,
        "error": error,
        "seniors": stage_settings.senior_reviewers(project),
        "candidates": stage_settings.senior_candidates(project),
    }
    status = 422 if error else 400 if request.method == "POST" else 200
    return render(request, "review/stages.html", context, status=status)


@login_required
@require_POST
def senior_add(request: HttpRequest, project_id: int) -> HttpResponse:
    project = project_selectors.project_managed_get(actor=request.user, project_id=project_id)
    user_id = request.POST.get("user", "")
    if not user_id.isdigit():
        raise Invalid(_("Pick one of the project's reviewers."))
    stage_settings.senior_reviewer_add(actor=request.user, project=project, user_id=int(user_id))
    messages.success(request, _("The reviewer is a senior reviewer now."))
    return redirect("review:stages", project_id=project.id)
