from django.contrib import messages
from django.contrib.auth import authenticate, login, logout, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from datadam.accounts import consent, forms, selectors, services
from datadam.core.client_address import client_address
from datadam.core.errors import DomainError


def _next_target(request: HttpRequest) -> str:
    """The page to come back to after logging in or signing up (the `next` field); "" when none or not ours."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return ""


def _safe_next(request: HttpRequest) -> str:
    return _next_target(request) or "/"


def login_view(request: HttpRequest) -> HttpResponse:
    """Wrong passwords are counted by django-axes (settings AXES_*), which answers a locked-out try with 429."""
    form = forms.LoginForm(request.POST or None)
    error = None
    if request.method == "POST" and form.is_valid():
        user = authenticate(request, **form.cleaned_data)
        if user is not None:
            login(request, user)
            return redirect(_safe_next(request))
        error = _("The user name or password is not right.")
    context = {"form": form, "error": error, "next": _next_target(request)}
    return render(request, "accounts/login.html", context, status=400 if error else 200)


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("home")


def signup_view(request: HttpRequest) -> HttpResponse:
    form = forms.SignupForm(request.POST or None)
    error = None
    if request.method == "POST" and form.is_valid():
        try:
            user = services.user_signup(
                username=form.cleaned_data["username"],
                password=form.cleaned_data["password"],
                email=form.cleaned_data["email"],
                display_name=form.cleaned_data["display_name"],
                privacy_consent_version=consent.VERSION,
            )
        except DomainError as exc:
            error = exc.message
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            return _after_signup(request)
    context = {
        "form": form,
        "error": error,
        "next": _next_target(request),
        "consent_sections": consent.sections(),
        "consent_version": consent.VERSION,
    }
    status = 400 if error or form.errors else 200
    return render(request, "accounts/signup.html", context, status=status)


def _after_signup(request: HttpRequest) -> HttpResponse:
    """Back to the page that asked for an account (a job, a cohort), or else to the projects to join."""
    target = _next_target(request)
    if target:
        messages.success(request, _("Welcome! Your account is ready."))
        return redirect(target)
    messages.success(request, _("Welcome! Join a project below to start working."))
    return redirect("projects:list")


@login_required
def password_change_view(request: HttpRequest) -> HttpResponse:
    form = forms.PasswordChangeForm(request.POST or None)
    error = None
    if request.method == "POST" and form.is_valid():
        try:
            services.user_password_change(
                user=request.user, keep_session_key=request.session.session_key or "", **form.cleaned_data
            )
        except DomainError as exc:
            error = exc.message
        else:
            update_session_auth_hash(request, request.user)
            messages.success(request, _("Your password is changed."))
            return redirect("accounts:me")
    return render(request, "accounts/password_change.html", {"form": form, "error": error})


@login_required
def erase_view(request: HttpRequest) -> HttpResponse:
    form = forms.EraseForm(request.POST or None)
    error = None
    if request.method == "POST" and form.is_valid():
        try:
            services.user_erase(user=request.user, password=form.cleaned_data["password"])
        except DomainError as exc:
            error = exc.message
        else:
            logout(request)
            messages.success(
                request, _("Your personal data is erased. What you earned stays on record, without your name.")
            )
            return redirect("home")
    return render(request, "accounts/erase.html", {"form": form, "error": error}, status=400 if error else 200)


@login_required
def tokens_view(request: HttpRequest) -> HttpResponse:
    form = forms.TokenForm(request.POST or None)
    new_token = None
    if request.method == "POST" and form.is_valid():
        _token, new_token = services.token_create(user=request.user, name=form.cleaned_data["name"])
        form = forms.TokenForm()
    context = {"form": form, "tokens": selectors.token_list(actor=request.user), "new_token": new_token}
    return render(request, "accounts/tokens.html", context)


@login_required
def organization_settings_view(request: HttpRequest, organization_id: int) -> HttpResponse:
    organization = selectors.organization_get(actor=request.user, organization_id=organization_id)
    initial = {
        "currency": organization.currency,
        "minimum_hourly_wage": organization.minimum_hourly_wage,
        "withholding_percent": organization.withholding_basis_points / 100,
        "payday": organization.payday,
    }
    form = forms.OrganizationSettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.organization_settings_update(actor=request.user, organization_id=organization.id, **form.cleaned_data)
        messages.success(request, _("Saved. Pay pages now measure wages against the new minimum."))
        return redirect("accounts:organization_settings", organization_id=organization.id)
    context = {"form": form, "organization": organization}
    return render(request, "accounts/organization_settings.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def token_revoke_view(request: HttpRequest, token_id: int) -> HttpResponse:
    services.token_revoke(user=request.user, token_id=token_id)
    messages.success(request, _("The token is revoked. Scripts using it can no longer sign in."))
    return redirect("accounts:tokens")


class PasswordResetView(auth_views.PasswordResetView):
    """Ask for a reset mail. Limited per email address and per client address; the page answers the same
    whether or not an account has the address."""

    form_class = forms.PasswordResetForm
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form: forms.PasswordResetForm) -> HttpResponse:
        try:
            address = client_address(self.request)
            services.password_reset_request_record(email=form.cleaned_data["email"], address=address)
        except DomainError as exc:
            return self.render_to_response(self.get_context_data(form=form, error=exc.message), status=exc.status_code)
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = forms.PasswordResetSetForm
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")
