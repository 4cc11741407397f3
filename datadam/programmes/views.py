from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from datadam.core.errors import DomainError
from datadam.programmes import forms, responses, selectors, services


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The programmes the person operates; with just one, straight to its dashboard."""
    programmes = list(selectors.programme_list(actor=request.user))
    if len(programmes) == 1:
        return redirect("programmes:dashboard", programme_id=programmes[0].id)
    return render(request, "programmes/home.html", {"programmes": programmes})


@login_required
def dashboard(request: HttpRequest, programme_id: int) -> HttpResponse:
    selectors.programme_get(actor=request.user, programme_id=programme_id)  # a stranger's 404 comes first
    period = selectors.DashboardPeriod.from_query(request.GET)
    figures = selectors.dashboard_get(actor=request.user, programme_id=programme_id, period=period)
    form = forms.TargetForm(request.POST or None, initial={"year": timezone.localdate().year})
    if request.method == "POST" and form.is_valid():
        try:
            services.target_set(actor=request.user, programme_id=programme_id, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The target is saved."))
            return redirect("programmes:dashboard", programme_id=programme_id)
    context = {"figures": figures, "form": form, "chart_data": _chart_data(figures), "query": request.GET.urlencode()}
    return render(request, "programmes/dashboard.html", context, status=422 if form.errors else 200)


def _chart_data(figures: dict) -> dict:
    """The figures the charts draw; the tables beside them show the same numbers."""
    overall = figures["overall"]
    return {
        "funnel": {
            "labels": [stage["label"] for stage in overall["stages"]],
            "counts": [stage["count"] for stage in overall["stages"]],
        },
        "outcomes": {
            "labels": [row["label"] for row in overall["employed_by_kind"]],
            "counts": [row["count"] for row in overall["employed_by_kind"]],
        },
        "targets": [
            {"label": f"{row['label']}, {row['year']}", "target": row["target"], "actual": row["actual"]}
            for row in figures["targets"]
        ],
        "series": {"count": _("People"), "target": _("Target"), "actual": _("Actual")},
    }


@login_required
@require_GET
def figures_csv(request: HttpRequest, programme_id: int) -> HttpResponse:
    selectors.programme_get(actor=request.user, programme_id=programme_id)
    period = selectors.DashboardPeriod.from_query(request.GET)
    return responses.dashboard_csv(
        selectors.dashboard_get(actor=request.user, programme_id=programme_id, period=period)
    )
