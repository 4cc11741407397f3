from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from datadam.academy.services.requirements import AgreementRequired
from datadam.core.errors import DomainError, NotFound
from datadam.jobs import forms, selectors, services
from datadam.jobs.models import JobPosting
from datadam.projects.models import Project

PAGE_SIZE = 20


def board(request: HttpRequest) -> HttpResponse:
    """The public job board: anyone may browse and filter it without logging in."""
    board_filter = selectors.BoardFilter.from_query(request.GET)
    page = Paginator(selectors.job_list(actor=request.user, board_filter=board_filter), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "page": page,
        "cards": [selectors.job_card(posting, request.user) for posting in page],
        "filter": board_filter,
        "data_types": Project.DataType.choices,
        "modes": JobPosting.Mode.choices,
        "languages": JobPosting.Language.choices,
    }
    return render(request, "jobs/board.html", context)


def job_detail(request: HttpRequest, project_id: int) -> HttpResponse:
    """A job on the board is public; joining asks a visitor to log in and brings them back here. Anything else
    (a staff preview of a closed or invite-only posting) asks a visitor to log in first, whether or not it exists."""
    if not request.user.is_authenticated:
        try:
            posting = selectors.job_get_public(project_id=project_id)
        except NotFound:
            return redirect_to_login(request.get_full_path())
        return render(request, "jobs/detail.html", {"card": selectors.job_card(posting, measured=True)})
    posting = selectors.job_get(actor=request.user, project_id=project_id)
    card = selectors.job_card(posting, request.user, measured=True)
    refusal = services.join_refusal(actor=request.user, project=posting.project)
    return render(request, "jobs/detail.html", {"card": card, "refusal": refusal})


@login_required
@require_POST
def job_join(request: HttpRequest, project_id: int) -> HttpResponse:
    posting = selectors.job_get(actor=request.user, project_id=project_id)
    try:
        services.job_join(actor=request.user, posting=posting, agreement_accepted=request.POST.get("agree") == "1")
    except AgreementRequired:  # the academy's page shows the agreement in full; its form joins the project
        return redirect("academy:project_agreement", project_id=project_id)
    except DomainError as exc:
        card = selectors.job_card(posting, request.user)
        return render(request, "jobs/detail.html", {"card": card, "refusal": exc.message}, status=exc.status_code)
    messages.success(request, _("You joined %(name)s. Start labeling when you are ready.") % {"name": posting.project})
    return redirect("projects:detail", project_id=project_id)


@login_required
def posting_edit(request: HttpRequest, project_id: int) -> HttpResponse:
    """A manager publishes, edits or closes the project's job posting."""
    project, posting = selectors.posting_for_project(actor=request.user, project_id=project_id)
    form = forms.PostingForm(request.POST or None, instance=posting)
    error = None
    if request.method == "POST" and form.is_valid():
        try:
            services.posting_publish(actor=request.user, project=project, **form.cleaned_data)
        except DomainError as exc:
            error = exc.message
        else:
            messages.success(request, _("The job posting is saved."))
            return redirect("jobs:posting_edit", project_id=project_id)
    context = {"project": project, "posting": posting, "form": form, "error": error}
    return render(request, "jobs/posting_edit.html", context, status=422 if error or form.errors else 200)
