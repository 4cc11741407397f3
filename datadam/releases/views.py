from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from datadam.core.errors import Conflict, DomainError, NotFound
from datadam.projects import selectors as project_selectors
from datadam.releases import forms, permissions, responses, selectors, services
from datadam.releases.exporters import FORMATS
from datadam.releases.models import ExportJob


@login_required
def export_page(request: HttpRequest, project_id: int) -> HttpResponse:
    project = project_selectors.project_managed_get(actor=request.user, project_id=project_id)
    form = forms.ExportJobForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.export_job_create(actor=request.user, project=project, **form.cleaned_data)
        except NotFound:
            raise
        except DomainError as exc:
            form.add_error("file_format", exc.message)
        else:
            return redirect("releases:export", project_id=project.id)
    jobs = selectors.export_job_list(actor=request.user, project_id=project.id)[:20]
    fitting = [item for item in selectors.export_format_list(project=project) if item["fits"]]
    chosen = form["file_format"].value()
    context = {
        "project": project,
        "form": form,
        "formats": fitting,
        "chosen_format": chosen if any(item["name"] == chosen for item in fitting) else "jsonl",
        "jobs": [_with_format_title(job) for job in jobs],
        "include_choices": ExportJob.Include.choices,
        "chosen_include": form["include"].value() or ExportJob.Include.ACCEPTED,
    }
    return render(request, "releases/export.html", context, status=422 if form.errors else 200)


def _with_format_title(job: ExportJob) -> ExportJob:
    """The job with its format's description for the history (a format since removed keeps its name)."""
    exporter = FORMATS.get(job.file_format)
    job.format_title = exporter.TITLE if exporter else job.file_format
    return job


@login_required
def export_job_status(request: HttpRequest, project_id: int, job_id: int) -> HttpResponse:
    job = selectors.export_job_get(actor=request.user, job_id=job_id)
    return render(request, "releases/_export_job.html", {"job": _with_format_title(job), "project": job.project})


@login_required
@require_POST
def export_job_restart(request: HttpRequest, project_id: int, job_id: int) -> HttpResponse:
    job = selectors.export_job_get(actor=request.user, job_id=job_id)
    try:
        services.export_job_restart(actor=request.user, job=job)
    except Conflict as exc:
        messages.error(request, exc.message)
    return redirect("releases:export", project_id=job.project_id)


@login_required
def export_job_download(request: HttpRequest, project_id: int, job_id: int) -> HttpResponse:
    job = selectors.export_job_get(actor=request.user, job_id=job_id)
    if job.status != ExportJob.Status.DONE:
        raise Conflict(_("The export is not ready yet."))
    return responses.stored_export(job)


# ---- releases: cut, build progress, report, sign-off, publish


def _back_with_message(request: HttpRequest, run, target: str, **kwargs) -> HttpResponse:
    """Run a service for a form's button; a refusal comes back as a message on the same page."""
    try:
        run()
    except NotFound:
        raise
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect(target, **kwargs)


@login_required
def release_list(request: HttpRequest, project_id: int) -> HttpResponse:
    project = project_selectors.project_managed_get(actor=request.user, project_id=project_id)
    if request.method == "POST":
        form = forms.ReleaseCutForm(request.POST)
        if form.is_valid():
            try:
                release = services.release_cut(actor=request.user, project=project, **form.cleaned_data)
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                return redirect("releases:release", project_id=project.id, release_id=release.id)
    else:
        form = forms.ReleaseCutForm(initial={"version": selectors.release_next_version(project=project)})
    targets = selectors.quality_targets_get(project=project)
    context = {
        "project": project,
        "form": form,
        "targets_form": forms.QualityTargetsForm(instance=targets),
        "releases": selectors.release_list(actor=request.user, project_id=project.id)[:50],
        "returned": selectors.release_list_returned(project=project)[:5],
    }
    return render(request, "releases/release_list.html", context, status=422 if form.errors else 200)


@login_required
@require_POST
def quality_targets_update(request: HttpRequest, project_id: int) -> HttpResponse:
    project = project_selectors.project_managed_get(actor=request.user, project_id=project_id)
    form = forms.QualityTargetsForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("A target is a percentage between 0 and 100."))
        return redirect("releases:list", project_id=project.id)
    return _back_with_message(
        request,
        lambda: services.quality_targets_update(actor=request.user, project=project, **form.cleaned_data),
        "releases:list",
        project_id=project.id,
    )


def _release_context(request: HttpRequest, release) -> dict:
    return {
        "release": release,
        "project": release.project,
        "files": selectors.release_files(release=release),
        "report": release.report,
        "can_verify": permissions.can_verify(request.user, release.project),
        "can_manage": permissions.can_manage_releases(request.user, release.project),
        "decisions": selectors.release_decisions(release=release),
        "decision_form": forms.ReleaseDecisionForm(below_target=bool(release.report.get("below_target"))),
    }


@login_required
def release_detail(request: HttpRequest, project_id: int, release_id: int) -> HttpResponse:
    release = selectors.release_get(actor=request.user, project_id=project_id, release_id=release_id)
    return render(request, "releases/release_detail.html", _release_context(request, release))


@login_required
def release_status(request: HttpRequest, project_id: int, release_id: int) -> HttpResponse:
    release = selectors.release_get(actor=request.user, project_id=project_id, release_id=release_id)
    return render(request, "releases/_release_status.html", _release_context(request, release))


@login_required
def release_report(request: HttpRequest, project_id: int, release_id: int) -> HttpResponse:
    release = selectors.release_get(actor=request.user, project_id=project_id, release_id=release_id)
    template = "releases/report_print.html" if request.GET.get("print") else "releases/report.html"
    return render(request, template, _release_context(request, release))


@login_required
def release_report_json(request: HttpRequest, project_id: int, release_id: int) -> HttpResponse:
    release = selectors.release_get(actor=request.user, project_id=project_id, release_id=release_id)
    return JsonResponse(responses.report_document(release), json_dumps_params={"ensure_ascii": False})


@login_required
@require_POST
def release_restart(request: HttpRequest, project_id: int, release_id: int) -> HttpResponse:
    release = selectors.release_get(actor=request.user, project_id=project_id, release_id=release_id)
    return _back_with_message(
        request,
        lambda: services.release_build_restart(actor=request.user, release=release),
        "releases:release", project_id=project_id, release_id=release.id,
    )


@login_required
@require_POST
def release_decide(request: HttpRequest, project_id: int, release_id: int) -> HttpResponse:
    """The verifier's approve or return: the first post shows what will happen, the second (confirmed) does it."""
    release = selectors.release_get(actor=request.user, project_id=project_id, release_id=release_id)
    form = forms.ReleaseDecisionForm(request.POST, below_target=bool(release.report.get("below_target")))
    if not form.is_valid():
        context = _release_context(request, release) | {"decision_form": form}
        return render(request, "releases/release_detail.html", context, status=422)
    if request.POST.get("confirmed") != "yes":
        return render(request, "releases/decide_confirm.html", _release_context(request, release) | {"form": form})
    try:
        _decide(request.user, release, form.cleaned_data)
    except NotFound:
        raise
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _decided_message(form.cleaned_data["outcome"], release.version))
    return redirect("releases:release", project_id=project_id, release_id=release.id)


def _decide(actor, release, data: dict) -> None:
    if data["outcome"] == "rejected":
        services.release_reject(actor=actor, release=release, comment=data["comment"])
    else:
        services.release_sign_off(
            actor=actor, release=release, comment=data["comment"], override_reason=data.get("override_reason", "")
        )


def _decided_message(outcome: str, version: str) -> str:
    if outcome == "rejected":
        return _("You returned release %(version)s to the manager with your comment.") % {"version": version}
    return _("You approved release %(version)s. The manager may now publish it.") % {"version": version}


@login_required
@require_POST
def release_publish(request: HttpRequest, project_id: int, release_id: int) -> HttpResponse:
    release = selectors.release_get(actor=request.user, project_id=project_id, release_id=release_id)
    return _back_with_message(
        request,
        lambda: services.release_publish(actor=request.user, release=release),
        "releases:release", project_id=project_id, release_id=release.id,
    )


@login_required
def release_verify_list(request: HttpRequest) -> HttpResponse:
    releases = selectors.release_list_to_verify(actor=request.user)[:100]
    return render(request, "releases/verify_list.html", {"releases": releases})


@login_required
def release_file_download(request: HttpRequest, project_id: int, release_id: int, name: str) -> HttpResponse:
    """A built file for the project's staff and its verifier, to check before publishing; not counted."""
    release = selectors.release_get(actor=request.user, project_id=project_id, release_id=release_id)
    file = selectors.release_file_get(release=release, name=name)
    return responses.release_file(file, request.headers.get("Range", ""))
