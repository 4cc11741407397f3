from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from datadam.accounts import selectors as account_selectors
from datadam.core.errors import DomainError
from datadam.pay import forms, responses, selectors, services, statements
from datadam.pay.selectors import Period
from datadam.projects import selectors as project_selectors


@login_required
def earnings(request: HttpRequest) -> HttpResponse:
    """The worker's own earnings: today, this month, per project, pending work, and the hourly wage."""
    return render(request, "pay/earnings.html", {"overview": selectors.earnings_overview(actor=request.user)})


@login_required
def statement_page(request: HttpRequest, period: str) -> HttpResponse:
    statement = selectors.statement_get(actor=request.user, period=Period.parse(period))
    sections = statements.payer_sections(entries=statement["entries"], period=statement["period"])
    return render(request, "pay/statement.html", {"statement": statement, "sections": sections})


@login_required
@require_GET
def statement_csv(request: HttpRequest, period: str) -> HttpResponse:
    return responses.statement_csv(selectors.statement_get(actor=request.user, period=Period.parse(period)))


@login_required
def payroll_page(request: HttpRequest, organization_id: int, period: str) -> HttpResponse:
    """Every worker's total for the month, and a form for a bonus or an adjustment (dated today)."""
    payroll = selectors.payroll_get(actor=request.user, organization_id=organization_id, period=Period.parse(period))
    form = forms.AdjustmentForm(request.POST or None)
    error = None
    if request.method == "POST" and form.is_valid():
        try:
            entry = _adjust(request, payroll["organization"], form.cleaned_data)
        except DomainError as exc:
            error = exc.message
        else:
            messages.success(request, _("Saved. It appears on %(name)s's statement.") % {"name": entry.worker.username})
            return redirect("pay:payroll", organization_id=organization_id, period=str(Period.current()))
    context = {"payroll": payroll, "form": form, "error": error, "this_month": Period.current()}
    return render(request, "pay/payroll.html", context, status=422 if error or form.errors else 200)


def _adjust(request: HttpRequest, organization, data: dict):
    worker = account_selectors.user_find(username=data["username"])
    return services.ledger_adjust(
        actor=request.user,
        organization=organization,
        worker=worker,
        amount=data["amount"],
        reason=data["reason"],
        kind=data["kind"],
    )


@login_required
@require_GET
def payroll_csv(request: HttpRequest, organization_id: int, period: str) -> HttpResponse:
    payroll = selectors.payroll_get(actor=request.user, organization_id=organization_id, period=Period.parse(period))
    return responses.payroll_csv(payroll)


@login_required
def unit_rates_page(request: HttpRequest, project_id: int) -> HttpResponse:
    """Pay per box, span, audio second or character, on top of the rate per item."""
    project = project_selectors.project_managed_get(actor=request.user, project_id=project_id)
    controls = project.schema.get("controls", [])
    form = forms.UnitRateForm(request.POST or None, controls=controls)
    error = None
    if request.method == "POST" and form.is_valid():
        try:
            services.unit_rate_set(actor=request.user, project=project, **form.cleaned_data)
        except DomainError as exc:
            error = exc.message
        else:
            messages.success(request, _("Saved. Work paid from now on uses these rates."))
            return redirect("pay:unit_rates", project_id=project.id)
    context = {"project": project, "form": form, "error": error, "rates": project.unit_rates.order_by("control")}
    status = 422 if error else 400 if form.errors else 200
    return render(request, "pay/unit_rates.html", context, status=status)
