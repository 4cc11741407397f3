from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from datadam.accounts import selectors as account_selectors
from datadam.core.errors import Conflict, DomainError
from datadam.projects import forms, permissions, selectors, services, task_templates
from datadam.projects.imports import restart as import_restart_service
from datadam.projects.imports import services as imports
from datadam.projects.imports.errors import problems_group
from datadam.projects.imports.preview import batch_preview
from datadam.projects.imports.recovery import import_can_restart
from datadam.projects.join_gates import AgreementRequired
from datadam.projects.models import ImportBatch
from datadam.projects.rate_advice import rate_advice
from datadam.projects.schema.builder import builder_words, control_kinds
from datadam.projects.schema.validate import schema_parse


def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("projects:list")
    return render(request, "projects/landing.html")


@login_required
def project_list(request: HttpRequest) -> HttpResponse:
    context = {
        "projects": selectors.project_list_shown(actor=request.user),
        "open_projects": selectors.project_list_open_to_join(actor=request.user)[:50],
        "can_create": permissions.can_create_project(request.user),
    }
    return render(request, "projects/list.html", context)


@login_required
def project_detail(request: HttpRequest, project_id: int) -> HttpResponse:
    project = selectors.project_get_joinable(actor=request.user, project_id=project_id)
    context = {
        "project": project,
        "roles": selectors.project_roles(actor=request.user, project=project),
        "is_staff": permissions.is_project_staff(request.user, project),
        "progress": (
            selectors.project_progress(project=project) if permissions.can_see_progress(request.user, project) else None
        ),
        "guideline_html": services.guideline_html(project.guideline),
        "controls": schema_parse(project.schema).controls,
        "can_review": permissions.can_review(request.user, project),
    }
    return render(request, "projects/detail.html", context)


@login_required
def project_create(request: HttpRequest) -> HttpResponse:
    """A template fills the form (`?template=ner`); "Preview" posts back to draw the task page without saving."""
    organizations = account_selectors.organization_list(actor=request.user)
    chosen = task_templates.REGISTRY.get(request.GET.get("template", ""))
    if chosen is not None and chosen.collect_kind:
        return redirect(f"{reverse('media:collect_new')}?template={chosen.key}")
    initial = forms.ProjectForm.initial_from(chosen) if chosen else {}
    form = forms.ProjectForm(request.POST or None, organizations=organizations, initial=initial)
    error = None
    if request.method == "POST" and "preview" not in request.POST and form.is_valid():
        try:
            project = services.project_create(actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            error = exc.message
        else:
            messages.success(request, _("The project is created. Import items next."))
            return redirect("projects:import", project_id=project.id)
    context = {
        "form": form,
        "error": error,
        "templates": task_templates.REGISTRY.values(),
        "chosen": chosen,
        "previewing": "preview" in request.POST,
        **_builder_context(),
    }
    return render(request, "projects/create.html", context, status=422 if error else 200)


def _builder_context() -> dict:
    return {"control_kinds": control_kinds(), "builder_words": builder_words()}


@login_required
def project_edit(request: HttpRequest, project_id: int) -> HttpResponse:
    project = selectors.project_managed_get(actor=request.user, project_id=project_id)
    suggested_rate = rate_advice(project=project)
    form = forms.ProjectEditForm(
        request.POST or None, initial=forms.ProjectEditForm.initial_for(project), suggested_rate=suggested_rate
    )
    error = None
    if request.method == "POST" and "preview" not in request.POST and form.is_valid():
        changes = {name: value for name, value in form.cleaned_data.items() if value != getattr(project, name)}
        try:
            services.project_update(actor=request.user, project=project, **changes)
        except DomainError as exc:
            error = exc.message
        else:
            messages.success(request, _("The project is saved."))
            return redirect("projects:detail", project_id=project.id)
    context = {"form": form, "error": error, "project": project, "previewing": "preview" in request.POST}
    status = 422 if error else 400 if form.errors else 200
    context.update(_builder_context())
    return render(request, "projects/edit.html", context, status=status)


@login_required
@require_POST
def project_join(request: HttpRequest, project_id: int) -> HttpResponse:
    project = selectors.project_get_joinable(actor=request.user, project_id=project_id)
    try:
        services.project_join(actor=request.user, project=project, agreement_accepted=request.POST.get("agree") == "1")
    except AgreementRequired:  # the academy shows the agreement's text, and its form posts back here
        return redirect("academy:project_agreement", project_id=project.id)
    messages.success(request, _("You joined %(name)s. Start labeling when you are ready.") % {"name": project.name})
    return redirect("projects:detail", project_id=project.id)


@login_required
def import_page(request: HttpRequest, project_id: int) -> HttpResponse:
    """Upload a file; the next page shows its first rows and asks which column is which."""
    project = selectors.project_managed_get(actor=request.user, project_id=project_id)
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    error = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            batch = imports.import_batch_create(
                actor=request.user,
                project=project,
                upload=upload,
                file_name=upload.name,
                encoding=form.cleaned_data["encoding"],
                columns_first=True,
            )
        except DomainError as exc:
            error = exc.message
        else:
            return redirect("projects:import_columns", project_id=project.id, batch_id=batch.id)
    context = {
        "project": project,
        "form": form,
        "error": error,
        "batches": selectors.import_batch_list(actor=request.user, project_id=project.id)[:20],
        "limit_mb": settings.DATADAM_MAX_UPLOAD_BYTES // (1024 * 1024),
    }
    return render(request, "projects/import.html", context, status=422 if error else 200)


@login_required
def import_columns(request: HttpRequest, project_id: int, batch_id: int) -> HttpResponse:
    """The file's first rows, its columns and the problems found so far; the picked columns start the import."""
    batch = selectors.import_batch_get(actor=request.user, batch_id=batch_id)
    if batch.project_id != project_id or batch.status != ImportBatch.Status.UPLOADED:
        return redirect("projects:import_status", project_id=batch.project_id, batch_id=batch.id)
    preview = batch_preview(batch, request.POST.get("text_column", "") or request.GET.get("text_column", ""))
    initial = forms.ImportColumnsForm.initial_for(preview.columns, preview.text_column)
    form = forms.ImportColumnsForm(request.POST or None, columns=preview.columns, initial=initial)
    if request.method == "POST" and "check" not in request.POST and form.is_valid():
        data = form.cleaned_data
        keep = [column for column in data["keep"] if column != data["text_column"]]
        try:
            imports.import_batch_columns_start(
                actor=request.user, batch=batch, text_column=data["text_column"], id_column=data["id_column"], keep=keep
            )
        except Conflict as exc:
            messages.info(request, exc.message)
        return redirect("projects:import_status", project_id=batch.project_id, batch_id=batch.id)
    context = {"project": batch.project, "batch": batch, "preview": preview, "form": form}
    return render(request, "projects/import_columns.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def import_restart(request: HttpRequest, project_id: int, batch_id: int) -> HttpResponse:
    batch = selectors.import_batch_get(actor=request.user, batch_id=batch_id)
    try:
        import_restart_service.import_batch_restart(actor=request.user, batch=batch)
    except Conflict as exc:
        messages.error(request, exc.message)
    return redirect("projects:import_status", project_id=batch.project_id, batch_id=batch.id)


@login_required
def import_status(request: HttpRequest, project_id: int, batch_id: int) -> HttpResponse:
    batch = selectors.import_batch_get(actor=request.user, batch_id=batch_id)
    if batch.project_id != project_id:
        return redirect("projects:import_status", project_id=batch.project_id, batch_id=batch.id)
    template = "projects/_import_status.html" if request.headers.get("HX-Request") else "projects/import_status.html"
    context = {
        "project": batch.project,
        "batch": batch,
        "can_restart": import_can_restart(batch),
        "problems": problems_group(batch.errors),
    }
    return render(request, template, context)
