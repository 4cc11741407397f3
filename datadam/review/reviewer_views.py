"""Reviewer quality pages: every reviewer of a project for its managers, and a reviewer's own figures."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from datadam.core.errors import DomainError, NotFound
from datadam.projects import permissions as project_permissions
from datadam.projects import selectors as project_selectors
from datadam.projects.models import ProjectMembership
from datadam.projects.schema.answers import answer_describe
from datadam.projects.schema.validate import schema_parse
from datadam.quality import gold_reviews
from datadam.review import reviewer_quality
from datadam.review.forms import GoldReviewForm


def _chart(rows: list[dict]) -> dict:
    shown = [row for row in rows if row["share"] is not None]
    return {
        "confirmed": {
            "labels": [row["reviewer"].username for row in shown],
            "values": [round(row["share"] * 100, 1) for row in shown],
            "max": 100,
        }
    }


def _in_words(project, rows, field: str) -> list:
    """Each row with `words`: its answer as (control title, the labels given), as the quality page shows gold."""
    schema = schema_parse(project.schema)
    rows = list(rows)
    for row in rows:
        row.words = answer_describe(schema, getattr(row, field) or {})
    return rows


@login_required
def reviewers_page(request: HttpRequest, project_id: int) -> HttpResponse:
    """For the project's managers: one row per reviewer, a chart of the confirmed share, and the gold reviews."""
    project = project_selectors.project_managed_get(actor=request.user, project_id=project_id)
    members = project_selectors.project_member_list(actor=request.user, project_id=project.id)
    reviewer_ids = {m.user_id for m in members.exclude(role=ProjectMembership.Role.LABELER)}
    rows = reviewer_quality.reviewer_table(project, also=reviewer_ids)
    context = {
        "project": project,
        "rows": rows,
        "figures": _chart(rows),
        "gold_items": _in_words(project, project.gold_items.select_related("item").order_by("id")[:200], "answer"),
        "gold_reviews": _in_words(project, gold_reviews.gold_review_list(project)[:100], "result"),
        "gold_review_form": GoldReviewForm(),
    }
    return render(request, "review/reviewers.html", context)


@login_required
def my_reviewer_quality(request: HttpRequest, project_id: int) -> HttpResponse:
    """A reviewer's own figures on one project (nobody else's)."""
    project = project_selectors.project_get(actor=request.user, project_id=project_id)
    if not project_permissions.can_review(request.user, project):
        raise NotFound(_("No such project."))
    row = reviewer_quality.reviewer_table(project, reviewer_ids=[request.user.id])[0]
    return render(request, "review/my_reviewer_quality.html", {"project": project, "row": row})


@login_required
@require_POST
def gold_review_add(request: HttpRequest, project_id: int) -> HttpResponse:
    """A manager adds a check for reviewers: a gold item, the answer shown, and the verdict it should get."""
    project = project_selectors.project_managed_get(actor=request.user, project_id=project_id)
    form = GoldReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(error) for errors in form.errors.values() for error in errors))
        return redirect("review:reviewers", project_id=project.id)
    data = form.cleaned_data
    try:
        gold_reviews.gold_review_create(
            actor=request.user,
            project=project,
            gold_id=data["gold"],
            expected=data["expected"],
            result=data["result"],
            explanation=data["explanation"],
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Gold review added. Reviewers meet it in their queue."))
    return redirect("review:reviewers", project_id=project.id)
