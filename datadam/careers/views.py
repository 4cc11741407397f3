from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from datadam.careers import forms, selectors, services
from datadam.core.errors import DomainError

MAX_CODE_LENGTH = 40


@login_required
def my_record(request: HttpRequest) -> HttpResponse:
    """The worker's own career record, and the switch for its public link."""
    context = {
        "record": selectors.career_record(person=request.user),
        "share": selectors.share_of(actor=request.user),
    }
    return render(request, "careers/my_record.html", context)


@login_required
@require_POST
def share_set(request: HttpRequest) -> HttpResponse:
    form = forms.ShareForm(request.POST)
    form.is_valid()
    enabled = form.cleaned_data.get("enabled", False)
    services.career_share_set(actor=request.user, enabled=enabled)
    messages.success(
        request,
        _("Your link is on. Anyone with it can check your record.")
        if enabled
        else _("Your link is off. Nobody can open it now."),
    )
    return redirect("careers:mine")


def verify(request: HttpRequest) -> HttpResponse:
    """Public: anyone with a worker's code sees their record. Without a code, a form to type one in."""
    code = request.GET.get("code", "").strip()[:MAX_CODE_LENGTH]
    if not code:
        return render(request, "careers/verify_form.html")
    record = selectors.career_record_shared(code=code)
    return render(request, "careers/verify.html", {"record": record})


def _outcome_form(request: HttpRequest, data=None, editing: bool = False, initial=None) -> forms.OutcomeForm:
    organization_ids = selectors.outcome_organization_ids(request.user)
    return forms.OutcomeForm(
        data,
        initial=initial,
        organizations=selectors.outcome_organizations(actor=request.user),
        graduates=selectors.graduate_list(actor=request.user),
        cohorts=selectors.cohort_list_of(organization_ids=organization_ids),
        employers=selectors.employer_list(actor=request.user),
        editing=editing,
    )


@login_required
def outcome_list(request: HttpRequest) -> HttpResponse:
    """Graduates' outcomes of the organizations the person records for, and a form to add one."""
    form = _outcome_form(request, request.POST or None)
    error = None
    if request.method == "POST" and form.is_valid():
        try:
            services.outcome_record(actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            error = exc.message
        else:
            messages.success(request, _("The outcome is recorded."))
            return redirect("careers:outcomes")
    context = {
        "outcomes": selectors.outcome_list(actor=request.user)[:500],
        "can_record": selectors.outcome_organizations(actor=request.user).exists(),
        "form": form,
        "error": error,
    }
    return render(request, "careers/outcomes.html", context, status=422 if error or form.errors else 200)


@login_required
def outcome_edit(request: HttpRequest, outcome_id: int) -> HttpResponse:
    outcome = selectors.outcome_get(actor=request.user, outcome_id=outcome_id)
    initial = {name: getattr(outcome, name) for name in services.OUTCOME_EDITABLE}
    form = _outcome_form(request, request.POST or None, editing=True, initial=initial)
    error = None
    if request.method == "POST" and form.is_valid():
        try:
            services.outcome_update(actor=request.user, outcome=outcome, **form.cleaned_data)
        except DomainError as exc:
            error = exc.message
        else:
            messages.success(request, _("The outcome is saved."))
            return redirect("careers:outcomes")
    context = {"outcome": outcome, "form": form, "error": error}
    return render(request, "careers/outcome_edit.html", context, status=422 if error or form.errors else 200)


@login_required
@require_POST
def outcome_delete(request: HttpRequest, outcome_id: int) -> HttpResponse:
    outcome = selectors.outcome_get(actor=request.user, outcome_id=outcome_id)
    services.outcome_delete(actor=request.user, outcome=outcome)
    messages.success(request, _("The outcome is deleted."))
    return redirect("careers:outcomes")


def _employer_form(request: HttpRequest, data=None, initial=None) -> forms.EmployerForm:
    return forms.EmployerForm(
        data,
        initial=initial,
        organizations=selectors.outcome_organizations(actor=request.user),
        cohorts=selectors.cohort_list_of(organization_ids=selectors.outcome_organization_ids(request.user)),
    )


@login_required
def employer_list(request: HttpRequest) -> HttpResponse:
    form = _employer_form(request, request.POST or None)
    error = None
    if request.method == "POST" and form.is_valid():
        try:
            services.employer_save(actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            error = exc.message
        else:
            messages.success(request, _("The partner employer is saved."))
            return redirect("careers:employers")
    context = {
        "employers": selectors.employer_list(actor=request.user),
        "can_record": selectors.outcome_organizations(actor=request.user).exists(),
        "form": form,
        "error": error,
    }
    return render(request, "careers/employers.html", context, status=422 if error or form.errors else 200)


@login_required
def employer_edit(request: HttpRequest, employer_id: int) -> HttpResponse:
    employer = selectors.employer_get(actor=request.user, employer_id=employer_id)
    initial = {
        "organization": employer.organization,
        "name": employer.name,
        "contact": employer.contact,
        "cohorts": list(employer.cohorts.all()),
    }
    form = _employer_form(request, request.POST or None, initial=initial)
    error = None
    if request.method == "POST" and form.is_valid():
        try:
            services.employer_save(actor=request.user, employer=employer, **form.cleaned_data)
        except DomainError as exc:
            error = exc.message
        else:
            messages.success(request, _("The partner employer is saved."))
            return redirect("careers:employers")
    context = {"employer": employer, "form": form, "error": error}
    return render(request, "careers/employer_edit.html", context, status=422 if error or form.errors else 200)
