from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from datadam.catalog import forms, permissions, selectors, services
from datadam.core.client_address import client_address
from datadam.core.errors import PermissionDenied
from datadam.projects import selectors as project_selectors
from datadam.projects.models import Project
from datadam.releases import downloads
from datadam.releases import responses as release_responses


def catalog_list(request: HttpRequest) -> HttpResponse:
    form = forms.CatalogSearchForm(request.GET or None, facets=selectors.facet_values())
    if form.is_bound and not form.is_valid():
        datasets = []  # a filter value no data set has (an old link, a hand-made address): nothing matches
    else:
        filters = form.cleaned_data if form.is_bound else {}
        datasets = selectors.dataset_list(**{key: value for key, value in filters.items() if value})[:100]
    return render(request, "catalog/list.html", {"form": form, "datasets": datasets})


def dataset_page(request: HttpRequest, slug: str) -> HttpResponse:
    dataset = selectors.dataset_get(slug=slug)
    releases = list(selectors.release_list_published(dataset=dataset))
    latest = releases[0]
    counts = selectors.downloads_by_file(release=latest)
    context = {
        "dataset": dataset,
        "releases": releases,
        "latest": latest,
        "files": [(file, counts.get(file.id, 0)) for file in latest.files.order_by("name")],
        "by_day": selectors.downloads_by_day(dataset=dataset),
        "must": permissions.download_needs(request.user, dataset),
        "data_type": Project.DataType(dataset.project.data_type).label,
    }
    return render(request, "catalog/dataset.html", context)


@login_required
@require_POST
def terms_accept(request: HttpRequest, slug: str) -> HttpResponse:
    dataset = selectors.dataset_get(slug=slug)
    if request.POST.get("accept") != "yes":
        messages.error(request, _("Tick the box to accept the terms."))
    else:
        services.terms_accept(actor=request.user, dataset=dataset)
        messages.success(request, _("You accepted the terms. You can download the files now."))
    return redirect("catalog:dataset", slug=dataset.slug)


def release_report(request: HttpRequest, slug: str, version: str) -> HttpResponse:
    dataset = selectors.dataset_get(slug=slug)
    release = selectors.release_published_get(dataset=dataset, version=version)
    context = {"dataset": dataset, "release": release, "report": release.report}
    template = "releases/report_print.html" if request.GET.get("print") else "catalog/report.html"
    return render(request, template, context)


def release_report_json(request: HttpRequest, slug: str, version: str) -> HttpResponse:
    dataset = selectors.dataset_get(slug=slug)
    release = selectors.release_published_get(dataset=dataset, version=version)
    document = release_responses.report_document(release)
    return JsonResponse(document, json_dumps_params={"ensure_ascii": False})


@require_safe
def file_download(request: HttpRequest, slug: str, version: str, name: str) -> HttpResponse:
    """A published release's file: 404 for anything unpublished, resumable, counted once a day when finished."""
    dataset = selectors.dataset_get(slug=slug)
    release = selectors.release_published_get(dataset=dataset, version=version)
    file = selectors.release_file_get(release=release, name=name)
    must = permissions.download_needs(request.user, dataset)
    if must == "login":
        return redirect_to_login(request.get_full_path())
    if must == "terms":
        raise PermissionDenied(_("Accept the data set's terms on its page before downloading."))
    visitor = services.visitor_key(user=request.user, address=client_address(request))
    head = request.method == "HEAD"
    if downloads.uses_object_storage():
        return downloads.presigned(file, lambda: services.download_count(file=file, visitor=visitor), head=head)

    def sent(first: int, last: int) -> None:
        services.download_bytes_sent(file=file, visitor=visitor, first=first, last=last)

    return downloads.stream(file, request.headers.get("Range", ""), sent, head=head)



@login_required
def datasheet_edit(request: HttpRequest, project_id: int) -> HttpResponse:
    project = project_selectors.project_managed_get(actor=request.user, project_id=project_id)
    dataset = services.dataset_ensure(project=project)
    form = forms.DatasheetForm(request.POST or None, instance=dataset)
    if request.method == "POST" and form.is_valid():
        services.dataset_update(actor=request.user, project=project, **form.cleaned_data)
        messages.success(request, _("The datasheet is saved."))
        return redirect("catalog:datasheet", project_id=project.id)
    return render(request, "catalog/datasheet_edit.html", {"project": project, "form": form, "dataset": dataset})
