"""Collection pages: set up a collection, record or photograph for a prompt, review what came in."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from datadam.accounts import selectors as account_selectors
from datadam.core.errors import DomainError, NotFound
from datadam.media import collect, forms, links, permissions, selectors
from datadam.projects import task_templates
from datadam.projects.permissions import can_review


@login_required
def collection_list(request: HttpRequest) -> HttpResponse:
    organizations = account_selectors.organization_list(actor=request.user)
    context = {"collections": collect.collection_list(actor=request.user), "can_create": organizations.exists()}
    return render(request, "media/collect_list.html", context)


@login_required
def collection_create(request: HttpRequest) -> HttpResponse:
    organizations = account_selectors.organization_list(actor=request.user)
    if not organizations.exists():
        raise NotFound(_("No such organization."))
    projects = selectors.collection_project_choices(actor=request.user)
    chosen = task_templates.REGISTRY.get(request.GET.get("template", ""))
    initial = forms.CollectionForm.initial_from(chosen) if chosen and chosen.collect_kind else {}
    form = forms.CollectionForm(request.POST or None, organizations=organizations, projects=projects, initial=initial)
    error = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            task = collect.collection_create(
                actor=request.user,
                organization=data["organization"],
                name=data["name"],
                kind=data["kind"],
                consent_text=data["consent_text"],
                prompts=data["prompts"].splitlines(),
                target_project=data["target_project"],
                max_seconds=data["max_seconds"],
            )
        except DomainError as exc:
            error = exc.message
        else:
            messages.success(request, _("The collection is ready. Add workers on the project page."))
            return redirect("media:collect", collection_id=task.id)
    status = 422 if request.method == "POST" else 200
    return render(request, "media/collect_new.html", {"form": form, "error": error}, status=status)


@login_required
def collection_page(request: HttpRequest, collection_id: int) -> HttpResponse:
    """The worker's page: the next prompt, the consent, a recorder (or a photo field) and the submit button."""
    task = collect.collection_get(actor=request.user, collection_id=collection_id)
    form = forms.ContributionForm(request.POST or None, request.FILES or None)
    error = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            collect.contribution_submit(
                actor=request.user,
                task=task,
                prompt_id=form.cleaned_data["prompt_id"],
                upload=upload,
                file_name=upload.name,
                consent=form.cleaned_data["consent"],
            )
        except DomainError as exc:
            error = exc.message
        else:
            messages.success(request, _("Thank you. Your answer was sent for review."))
            return redirect("media:collect", collection_id=task.id)
    can_give = permissions.can_contribute(request.user, task)
    context = {
        "task": task,
        "project": task.project,
        "prompt": collect.prompt_next(actor=request.user, task=task) if can_give else None,
        "can_give": can_give,
        "can_review": can_review(request.user, task.project),
        "form": form,
        "error": error,
        "mine": collect.contribution_list_mine(actor=request.user, task=task)[:50],
    }
    status = 422 if request.method == "POST" else 200
    return render(request, "media/collect.html", context, status=status)


@login_required
def collection_review(request: HttpRequest, collection_id: int) -> HttpResponse:
    task = collect.collection_get(actor=request.user, collection_id=collection_id)
    contributions = collect.contribution_list_for_review(actor=request.user, task=task)[:20]
    rows = [
        (contribution, links.media_url(media_id=contribution.media_id, user_id=request.user.id))
        for contribution in contributions
    ]
    context = {"task": task, "project": task.project, "rows": rows, "form": forms.ContributionReviewForm()}
    return render(request, "media/collect_review.html", context)


@login_required
@require_POST
def contribution_review(request: HttpRequest, contribution_id: int) -> HttpResponse:
    contribution = collect.contribution_get_for_review(actor=request.user, contribution_id=contribution_id)
    form = forms.ContributionReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose accept or reject."))
        return redirect("media:collect_review", collection_id=contribution.task_id)
    try:
        collect.contribution_review(
            actor=request.user,
            contribution=contribution,
            accept=form.cleaned_data["verdict"] == "accept",
            reason=form.cleaned_data["reason"],
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Saved."))
    return redirect("media:collect_review", collection_id=contribution.task_id)
