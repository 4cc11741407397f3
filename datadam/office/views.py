from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from datadam.core.errors import DomainError, Invalid
from datadam.office import commitments, forms, permissions, responses, selectors, services
from datadam.office.models import ConsortiumMember


def _as_of(request: HttpRequest) -> date:
    """The day the figures are measured on: ?on=YYYY-MM-DD, today by default."""
    raw = request.GET.get("on")
    if not raw:
        return timezone.localdate()
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise Invalid(_("Write the date as YYYY-MM-DD, for example 2026-11-30.")) from None


@login_required
@require_GET
def office_home(request: HttpRequest) -> HttpResponse:
    """Every data project the person may see, with a traffic light per commitment."""
    day = _as_of(request)
    rows = [
        {"data_project": data_project, "figures": commitments.figures_on(data_project, day)}
        for data_project in selectors.data_projects_visible(actor=request.user)
    ]
    context = {"rows": rows, "day": day, "programmes": selectors.programmes_operated(actor=request.user)}
    return render(request, "office/list.html", context)


@login_required
def register(request: HttpRequest, programme_id: int) -> HttpResponse:
    programme = selectors.programme_operated_get(actor=request.user, programme_id=programme_id)
    form = forms.RegisterForm(request.POST or None, programme=programme)
    error = None
    if request.method == "POST" and form.is_valid():
        try:
            data_project = services.data_project_register(actor=request.user, programme=programme, **_parts(form))
        except DomainError as exc:
            error = exc.message
        else:
            messages.success(request, _("The data project is registered. Its figures are measured from now on."))
            return redirect("office:detail", data_project_id=data_project.id)
    context = {"programme": programme, "form": form, "error": error}
    return render(request, "office/register.html", context, status=422 if error else 400 if form.errors else 200)


def _parts(form: forms.RegisterForm) -> dict:
    data = form.cleaned_data
    plan_fields = services.Plan.__dataclass_fields__
    members = [(data["executing"], ConsortiumMember.Role.EXECUTING)]
    members += [(organization, ConsortiumMember.Role.CROWDSOURCING) for organization in data["crowdsourcing"]]
    members += [(organization, ConsortiumMember.Role.TRAINING) for organization in data["training"]]
    delivery = services.Delivery(data["dataset_name"], data["dataset_items"], data["dataset_due_on"])
    return {
        "plan": services.Plan(**{name: data[name] for name in plan_fields}),
        "members": members,
        "deliveries": [delivery],
        "projects": list(data["projects"]),
    }


@login_required
@require_GET
def detail(request: HttpRequest, data_project_id: int) -> HttpResponse:
    data_project = selectors.data_project_get(actor=request.user, data_project_id=data_project_id)
    return render(request, "office/detail.html", _detail_context(request, data_project))


def _detail_context(request: HttpRequest, data_project, **forms_given) -> dict:
    day = _as_of(request)
    hiring_organizations = selectors.executing_organization_ids(request.user, data_project)
    over_time = selectors.figures_over_time(data_project=data_project, until=day)
    return {
        "chart": _chart(over_time),
        "data_project": data_project,
        "day": day,
        "figures": commitments.figures_on(data_project, day),
        "over_time": over_time,
        "members": data_project.members.select_related("organization").order_by("role"),
        "deliveries": data_project.deliveries.all(),
        "projects": data_project.projects.order_by("name"),
        "hires": selectors.hires_shown_to(actor=request.user, data_project=data_project),
        "releases": commitments.published_releases(data_project, day),
        "is_operator": permissions.can_plan_data_project(request.user, data_project),
        "delivery_form": forms_given.get("delivery_form") or forms.DeliveryForm(),
        "hire_form": forms_given.get("hire_form") or forms.HireForm(organization_ids=hiring_organizations)
        if hiring_organizations
        else None,
    }


def _chart(over_time: list[dict]) -> dict:
    """The month-by-month table's figures, for the chart drawn beside it."""

    def series(key: str, part: str) -> list[float | None]:
        return [getattr(row["figures"][key], part) for row in over_time]

    return {
        "labels": [row["day"].isoformat() for row in over_time],
        "delivered": series("items_delivered", "actual"),
        "planned": series("items_delivered", "target"),
        "hires": series("direct_hires", "actual"),
        "required": series("direct_hires", "target"),
        "names": {
            "delivered": _("Items delivered"),
            "planned": _("Items planned"),
            "hires": _("Direct hires"),
            "required": _("Direct hires required"),
        },
    }


@login_required
@require_POST
def delivery_add(request: HttpRequest, data_project_id: int) -> HttpResponse:
    data_project = selectors.data_project_get(actor=request.user, data_project_id=data_project_id)
    form = forms.DeliveryForm(request.POST)
    if form.is_valid():
        services.delivery_add(
            actor=request.user, data_project=data_project, delivery=services.Delivery(**form.cleaned_data)
        )
        messages.success(request, _("The planned data set is added."))
        return redirect("office:detail", data_project_id=data_project.id)
    context = _detail_context(request, data_project, delivery_form=form)
    return render(request, "office/detail.html", context, status=400)


@login_required
@require_POST
def hire_record(request: HttpRequest, data_project_id: int) -> HttpResponse:
    data_project = selectors.data_project_get(actor=request.user, data_project_id=data_project_id)
    organization_ids = selectors.executing_organization_ids(request.user, data_project)
    form = forms.HireForm(request.POST, organization_ids=organization_ids)
    if form.is_valid():
        data = form.cleaned_data
        organization = data.pop("organization")
        services.hire_record(actor=request.user, data_project=data_project, organization_id=organization.id, **data)
        messages.success(request, _("The hire is recorded."))
        return redirect("office:detail", data_project_id=data_project.id)
    context = _detail_context(request, data_project, hire_form=form)
    return render(request, "office/detail.html", context, status=400)


@login_required
@require_GET
def report(request: HttpRequest, data_project_id: int) -> HttpResponse:
    """The printable report an auditor gets: every figure, how it was computed, month by month."""
    data_project = selectors.data_project_get(actor=request.user, data_project_id=data_project_id)
    return render(request, "office/report.html", _detail_context(request, data_project))


@login_required
@require_GET
def data_project_csv(request: HttpRequest, data_project_id: int) -> HttpResponse:
    data_project = selectors.data_project_get(actor=request.user, data_project_id=data_project_id)
    day = _as_of(request)
    return responses.figures_csv(
        f"data-project-{data_project.id}-{day}.csv",
        [
            (data_project, row["day"], row["figures"].values())
            for row in selectors.figures_over_time(data_project=data_project, until=day)
        ],
    )


@login_required
@require_GET
def programme_csv(request: HttpRequest, programme_id: int) -> HttpResponse:
    programme = selectors.programme_operated_get(actor=request.user, programme_id=programme_id)
    day = _as_of(request)
    rows = [
        (data_project, day, commitments.figures_on(data_project, day))
        for data_project in programme.data_projects.order_by("title")
    ]
    return responses.figures_csv(f"programme-{programme.id}-{day}.csv", rows)
