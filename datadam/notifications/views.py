from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from datadam.notifications import forms, selectors, services
from datadam.notifications.kinds import message_of


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.notification_list_mine(actor=request.user), selectors.PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows = [(notification, message_of(notification)) for notification in page]
    form = forms.NotificationChoiceForm(initial={"email_kinds": services.email_kinds_of(request.user)})
    return render(request, "notifications/list.html", {"page": page, "rows": rows, "form": form})


@login_required
@require_POST
def notification_read(request: HttpRequest, notification_id: int) -> HttpResponse:
    """Mark it read, then go where it points (its own page), or back to the list."""
    notification = services.notification_mark_read(actor=request.user, notification_id=notification_id)
    target = notification.url if request.POST.get("open") else ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("notifications:list")


@login_required
@require_POST
def notification_read_all(request: HttpRequest) -> HttpResponse:
    services.notification_mark_all_read(actor=request.user)
    messages.success(request, _("Every notification is marked read."))
    return redirect("notifications:list")


@login_required
@require_POST
def notification_choices(request: HttpRequest) -> HttpResponse:
    form = forms.NotificationChoiceForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Pick from the kinds of notification listed."))
        return redirect("notifications:list")
    services.notification_choices_set(actor=request.user, email_kinds=form.cleaned_data["email_kinds"])
    messages.success(request, _("Saved. Email goes to the address on your account."))
    return redirect("accounts:me" if request.POST.get("back") == "account" else "notifications:list")
