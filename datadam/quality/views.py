from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from datadam.core.errors import DomainError, Invalid
from datadam.projects import selectors as project_selectors
from datadam.quality import consensus, forms, inspection, selectors, services
from datadam.quality.models import Lot


@login_required
def manager_page(request: HttpRequest, project_id: int) -> HttpResponse:
    """The manager's quality page: per-worker table (sortable, filterable), chart, policy, gold, lots."""
    project = project_selectors.project_managed_get(actor=request.user, project_id=project_id)
    policy = selectors.policy_get(project)
    form = forms.PolicyForm(request.POST or None, instance=policy)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            services.policy_update(actor=request.user, project=project, **fields)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Quality settings saved."))
            return redirect("quality:manage", project_id=project.id)
    sort = request.GET.get("sort", "worker")
    rows = selectors.worker_table(
        project, sort=sort, flagged_only=request.GET.get("flagged") == "1", query=request.GET.get("q", "")[:100]
    )
    context = {
        "project": project,
        "rows": rows,
        "sort": sort,
        "form": form,
        "gold_form": forms.GoldForm(),
        "gold": selectors.gold_list(project),
        "gold_rows": selectors.gold_rows(project),
        "lots": Lot.objects.filter(project=project).select_related("worker").order_by("-id")[:20],
        "figures": _accuracy_figures(rows),
    }
    return render(request, "quality/manage.html", context, status=422 if form.errors else 200)


def _accuracy_figures(rows: list) -> dict:
    shown = [row for row in rows if row["accuracy"] is not None]
    return {
        "accuracy": {
            "labels": [row["worker"].username for row in shown],
            "values": [round(row["accuracy"] * 100, 1) for row in shown],
            "max": 100,
        }
    }


@login_required
@require_POST
def gold_add(request: HttpRequest, project_id: int) -> HttpResponse:
    project = project_selectors.project_managed_get(actor=request.user, project_id=project_id)
    form = forms.GoldForm(request.POST)
    if form.is_valid():
        try:
            services.gold_item_create(actor=request.user, project=project, **form.cleaned_data)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Gold item added."))
    else:
        messages.error(request, " ".join(str(error) for errors in form.errors.values() for error in errors))
    return redirect("quality:manage", project_id=project.id)


MAX_GOLD_FILE_BYTES = 5 * 1024 * 1024


@login_required
@require_POST
def gold_upload(request: HttpRequest, project_id: int) -> HttpResponse:
    """A JSON Lines file of gold items with their answers; all or nothing, the bad line named."""
    project = project_selectors.project_managed_get(actor=request.user, project_id=project_id)
    upload = request.FILES.get("file")
    try:
        if upload is None or upload.size > MAX_GOLD_FILE_BYTES:
            raise Invalid(_("Choose a JSON Lines file of at most 5 MB."))
        try:
            lines = upload.read().decode("utf-8-sig").splitlines()
        except UnicodeDecodeError:
            raise Invalid(_("The file must be UTF-8 text.")) from None
        made = services.gold_items_import(actor=request.user, project=project, lines=lines)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("%(n)d gold items added.") % {"n": len(made)})
    return redirect("quality:manage", project_id=project.id)


@login_required
@require_POST
def gold_promote(request: HttpRequest, project_id: int) -> HttpResponse:
    """An item with accepted work becomes gold, its accepted answer the answer."""
    project = project_selectors.project_managed_get(actor=request.user, project_id=project_id)
    item_id = request.POST.get("item_id", "")
    try:
        if not item_id.isdigit() or len(item_id) > 18:
            raise Invalid(_("Write the item's number."))
        services.gold_item_promote(actor=request.user, project=project, item_id=int(item_id))
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The item is now gold."))
    return redirect("quality:manage", project_id=project.id)


@login_required
@require_POST
def pause_lift(request: HttpRequest, project_id: int, worker_id: int) -> HttpResponse:
    project = project_selectors.project_managed_get(actor=request.user, project_id=project_id)
    if services.worker_pause_lift(actor=request.user, project=project, worker_id=worker_id):
        messages.success(request, _("The worker may go on working."))
    return redirect("quality:manage", project_id=project.id)


@login_required
@require_POST
def refresh(request: HttpRequest, project_id: int) -> HttpResponse:
    """Recompute consensus (with dynamic overlap) and cut the lots that are full."""
    project = project_selectors.project_managed_get(actor=request.user, project_id=project_id)
    result = consensus.consensus_refresh(project=project)
    lots = inspection.lots_form(project=project)
    messages.success(
        request,
        _("Consensus for %(items)d items; %(raised)d items get one more worker; %(lots)d new lots.")
        % {**result, "lots": len(lots)},
    )
    return redirect("quality:manage", project_id=project.id)


@login_required
def agreement_page(request: HttpRequest, project_id: int) -> HttpResponse:
    project = project_selectors.project_managed_get(actor=request.user, project_id=project_id)
    try:
        report, error = selectors.agreement_report(project), None
    except Invalid as exc:
        report, error = None, exc.message
    context = {"project": project, "report": report, "error": error}
    if report:
        context.update(selectors.agreement_matrices(report))
    return render(request, "quality/agreement.html", context)


@login_required
def my_quality(request: HttpRequest, project_id: int) -> HttpResponse:
    """A worker's own figures on one project: gold accuracy, agreement, feedback, and any pause with its reason."""
    project = project_selectors.project_get(actor=request.user, project_id=project_id)
    quality = selectors.worker_quality_get(project=project, worker=request.user)
    return render(request, "quality/mine.html", {"project": project, "quality": quality})
