from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from datadam.core.errors import Conflict
from datadam.projects import selectors as project_selectors
from datadam.releases import responses, selectors, services
from datadam.releases.models import ExportJob


@login_required
def export_page(request: HttpRequest, project_id: int) -> HttpResponse:
    project = project_selectors.project_managed_get(actor=request.user, project_id=project_id)
    if request.method == "POST":
        include = request.POST.get("include", ExportJob.Include.ACCEPTED)
        services.export_job_create(actor=request.user, project=project, include=include)
        return redirect("releases:export", project_id=project.id)
    context = {
        "project": project,
        "jobs": selectors.export_job_list(actor=request.user, project_id=project.id)[:20],
        "include_choices": ExportJob.Include.choices,
    }
    return render(request, "releases/export.html", context)


@login_required
def export_job_status(request: HttpRequest, project_id: int, job_id: int) -> HttpResponse:
    job = selectors.export_job_get(actor=request.user, job_id=job_id)
    return render(request, "releases/_export_job.html", {"job": job, "project": job.project})


@login_required
def export_job_download(request: HttpRequest, project_id: int, job_id: int) -> HttpResponse:
    job = selectors.export_job_get(actor=request.user, job_id=job_id)
    if job.status != ExportJob.Status.DONE:
        raise Conflict(_("The export is not ready yet."))
    return responses.stored_export(job)
