"""Gold reviews on the review page: the reviewer sees one like any work and gives a verdict the same way."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from datadam.core.errors import Invalid
from datadam.labeling.active_seconds import active_seconds_from_post
from datadam.projects import stages
from datadam.projects.schema.answers import answer_from_post
from datadam.projects.schema.validate import annotation_validate, schema_parse
from datadam.projects.stages import Stage
from datadam.quality import gold_reviews
from datadam.quality.models import GoldReviewServe
from datadam.review import permissions, reviewer_quality, selectors
from datadam.review.views import render_work, verdict_done

DONE = {  # the same words as after a verdict on real work
    "accept": gettext_lazy("Accepted. Here is the next one."),
    "reject": gettext_lazy("Sent back to its labeler with your reason."),
    "correct": gettext_lazy("Corrected and accepted. The labeler's answer is kept."),
}


def _stage(request: HttpRequest, serve: GoldReviewServe) -> Stage:
    """The first stage the reviewer holds: the check is shown as work waiting there, with that stage's reasons."""
    chain = stages.stage_list(serve.gold_review.project)
    return next(iter(permissions.stages_held(request.user, serve.gold_review.project, chain)), chain[0])


def _render(request: HttpRequest, serve: GoldReviewServe, *, values: dict, error: str | None) -> HttpResponse:
    check, stage = serve.gold_review, _stage(request, serve)
    actions = {
        verdict: reverse(f"review:check_{verdict}", args=[check.project_id, serve.id])
        for verdict in ("accept", "reject", "correct")
    }
    chain = {
        "stage": stage,
        "stage_count": stages.stage_count(check.project),
        "reasons": stage.reasons,
        "waiting": selectors.review_waiting_count(project=check.project, stage=stage.position),
    }
    return render_work(request, check.project, check.gold.item, check.result, 1, actions, values, error, chain)


@login_required
def check_page(request: HttpRequest, project_id: int, serve_id: int) -> HttpResponse:
    serve = gold_reviews.gold_review_serve_get(actor=request.user, serve_id=serve_id)
    if serve.answered_at is not None:
        return redirect("review:start", project_id=serve.gold_review.project_id)
    return _render(request, serve, values=serve.gold_review.result, error=None)


def _answer(request: HttpRequest, serve_id: int, verdict: str) -> HttpResponse:
    serve = gold_reviews.gold_review_serve_get(actor=request.user, serve_id=serve_id)
    project = serve.gold_review.project
    reason = request.POST.get("reason", "").strip()
    try:
        if verdict == "reject" and reason and reason not in _stage(request, serve).reasons:
            raise Invalid(_("Pick a reason from the list, or write your own in the comment."))
        if verdict == "reject" and not reason and not request.POST.get("comment", "").strip():
            raise Invalid(_("Say why the work is sent back: pick a reason or write a comment."))
        if verdict == "correct":
            result = answer_from_post(schema_parse(project.schema), request.POST)
            annotation_validate(schema_parse(project.schema), result, serve.gold_review.gold.item.data)
    except Invalid as exc:
        return _render(request, serve, values=serve.gold_review.result, error=exc.message)
    gold_reviews.gold_review_answer(
        actor=request.user,
        serve_id=serve.id,
        verdict=verdict,
        reason=reason,
        active_seconds=active_seconds_from_post(request.POST),
    )
    reviewer_quality.reviewer_floor_check(project=project, reviewer=request.user)
    return verdict_done(request, project.id, DONE[verdict])


@login_required
@require_POST
def check_accept(request: HttpRequest, project_id: int, serve_id: int) -> HttpResponse:
    return _answer(request, serve_id, "accept")


@login_required
@require_POST
def check_reject(request: HttpRequest, project_id: int, serve_id: int) -> HttpResponse:
    return _answer(request, serve_id, "reject")


@login_required
@require_POST
def check_correct(request: HttpRequest, project_id: int, serve_id: int) -> HttpResponse:
    return _answer(request, serve_id, "correct")
