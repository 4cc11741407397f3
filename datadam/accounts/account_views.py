"""My account: profile, notification choices, payout details, password, and (under "advanced") API tokens and
deleting the account."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from datadam.accounts import forms, profile, selectors
from datadam.core.errors import DomainError


def _page(request: HttpRequest, *, profile_form=None, payout_form=None, error=None, status: int = 200) -> HttpResponse:
    user = request.user
    initial = {"display_name": user.display_name, "email": user.email, "phone": user.phone}
    context = {
        "profile_form": profile_form or forms.ProfileForm(initial=initial),
        "payout_form": payout_form or forms.PayoutForm(),
        "payout": profile.payout_details_shown(actor=user),
        "tokens": selectors.token_list(actor=user),
        "error": error,
    }
    return render(request, "accounts/me.html", context, status=status)


@login_required
def account_page(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _page(request)
    form = forms.ProfileForm(request.POST)
    if not form.is_valid():
        return _page(request, profile_form=form, status=400)
    try:
        profile.profile_update(actor=request.user, **form.cleaned_data)
    except DomainError as exc:
        return _page(request, profile_form=form, error=exc.message, status=exc.status_code)
    messages.success(request, _("Your profile is saved."))
    return redirect("accounts:me")


@login_required
@require_POST
def payout_save(request: HttpRequest) -> HttpResponse:
    form = forms.PayoutForm(request.POST)
    if not form.is_valid():
        return _page(request, payout_form=form, status=400)
    try:
        profile.payout_details_set(actor=request.user, **form.cleaned_data)
    except DomainError as exc:
        return _page(request, payout_form=forms.PayoutForm(), error=exc.message, status=exc.status_code)
    messages.success(request, _("Your payout details are saved."))
    return redirect("accounts:me")
