from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from datadam.core.errors import Invalid
from datadam.labeling.active_seconds import active_seconds_from_post
from datadam.labeling.models import Annotation
from datadam.labeling.page_layout import blocks_for_display, plain_media, widget_kinds, widget_messages
from datadam.media.selectors import item_media
from datadam.projects import selectors as project_selectors
from datadam.projects import stages
from datadam.projects.schema.answers import answer_from_post
from datadam.projects.schema.validate import schema_parse
from datadam.quality.models import GoldReviewServe
from datadam.review import selectors, services, work_queue

QUEUE_SESSION_KEY = "review_from_queue"  # set while the reviewer works through the queue across projects


@login_required
def review_start(request: HttpRequest, project_id: int) -> HttpResponse:
    """Resume the work the reviewer holds, or claim the next (a gold review now and then), then show it at its
    own address. Verdicts given from here come back here."""
    project = project_selectors.project_get(actor=request.user, project_id=project_id)
    request.session.pop(QUEUE_SESSION_KEY, None)
    found = work_queue.review_next(actor=request.user, project=project)
    if found is None:
        return render(request, "review/nothing_waiting.html", {"project": project})
    return redirect_to_work(found)


def redirect_to_work(found: Annotation | GoldReviewServe) -> HttpResponse:
    if isinstance(found, GoldReviewServe):
        return redirect("review:check", project_id=found.gold_review.project_id, serve_id=found.id)
    return redirect("review:work", project_id=found.project_id, annotation_id=found.id)


@login_required
def review_page(request: HttpRequest, project_id: int, annotation_id: int) -> HttpResponse:
    annotation = selectors.annotation_for_review_get(actor=request.user, annotation_id=annotation_id)
    if annotation.status != Annotation.Status.SUBMITTED:
        return redirect("review:start", project_id=annotation.project_id)
    return _render_work(request, annotation, values=annotation.result, error=None)


def _render_work(request: HttpRequest, annotation: Annotation, *, values: dict, error: str | None) -> HttpResponse:
    actions = {
        verdict: reverse(f"review:{verdict}", args=[annotation.project_id, annotation.id])
        for verdict in ("accept", "reject", "correct")
    }
    project = annotation.project
    stage = stages.stage_get(project, annotation.stage) or stages.first_stage(project)
    chain = {
        "stage": stage,
        "stage_count": stages.stage_count(project),
        "reasons": stage.reasons,
        "earlier": selectors.earlier_verdicts(annotation=annotation),
        "waiting": selectors.review_waiting_count(project=project, stage=stage.position),
    }
    return render_work(
        request, project, annotation.item, annotation.result, annotation.version, actions, values, error, chain
    )


def _posted_stage(request: HttpRequest) -> int | None:
    """The stage the inspector saw the work at (a repeated submit then returns the first verdict)."""
    value = request.POST.get("stage", "")
    return int(value) if value.isdigit() and len(value) < 4 else None


def render_work(
    request: HttpRequest,
    project,
    item,
    result: dict,
    version: int,
    actions: dict,
    values: dict,
    error: str | None,
    chain: dict | None = None,
) -> HttpResponse:
    """The review page for an answer on an item; the verdict forms post to `actions` (accept, reject, correct)."""
    schema = schema_parse(project.schema)
    media = item_media(request.user, item)
    answer = blocks_for_display(schema, result, data=item.data, media=media)
    blocks = blocks_for_display(schema, values, data=item.data, media=media)
    context = {
        "project": project,
        "version": version,
        "actions": actions,
        "item": item,
        "answer": answer,
        "blocks": blocks,
        "widgets": widget_kinds(blocks),
        "plain_media": plain_media(blocks, media),
        "widget_messages": widget_messages(),
        "text_in_widget": any(block["widget"] == "text" and block["source"] == "text" for block in blocks),
        "reasons": project.reject_reasons,
        "waiting": selectors.review_waiting_count(project=project),
        "error": error,
        **(chain or {}),  # the stage the work waits at, its reasons and the earlier stages' verdicts
    }
    return render(request, "review/work.html", context, status=422 if error else 200)


def _verdict_done(request: HttpRequest, annotation_id: int, message: str) -> HttpResponse:
    annotation = selectors.annotation_for_review_get(actor=request.user, annotation_id=annotation_id)
    return verdict_done(request, annotation.project_id, message)


def verdict_done(request: HttpRequest, project_id: int, message: str) -> HttpResponse:
    """On to the next piece: from the queue across projects when the reviewer came from it, else this project's."""
    messages.success(request, message)
    if request.session.get(QUEUE_SESSION_KEY):
        return redirect("review:queue_next")
    return redirect("review:start", project_id=project_id)


@login_required
@require_POST
def review_accept(request: HttpRequest, project_id: int, annotation_id: int) -> HttpResponse:
    services.review_accept(
        actor=request.user,
        annotation_id=annotation_id,
        comment=request.POST.get("comment", ""),
        active_seconds=active_seconds_from_post(request.POST),
        stage=_posted_stage(request),
    )
    return _verdict_done(request, annotation_id, _("Accepted. Here is the next one."))


@login_required
@require_POST
def review_reject(request: HttpRequest, project_id: int, annotation_id: int) -> HttpResponse:
    try:
        services.review_reject(
            actor=request.user,
            annotation_id=annotation_id,
            reason=request.POST.get("reason", ""),
            comment=request.POST.get("comment", ""),
            active_seconds=active_seconds_from_post(request.POST),
            stage=_posted_stage(request),
        )
    except Invalid as exc:
        annotation = selectors.annotation_for_review_get(actor=request.user, annotation_id=annotation_id)
        return _render_work(request, annotation, values=annotation.result, error=exc.message)
    return _verdict_done(request, annotation_id, _("Sent back to its labeler with your reason."))


@login_required
@require_POST
def review_correct(request: HttpRequest, project_id: int, annotation_id: int) -> HttpResponse:
    annotation = selectors.annotation_for_review_get(actor=request.user, annotation_id=annotation_id)
    result = answer_from_post(schema_parse(annotation.project.schema), request.POST)
    try:
        review = services.review_correct(
            actor=request.user,
            annotation_id=annotation_id,
            result=result,
            comment=request.POST.get("comment", ""),
            active_seconds=active_seconds_from_post(request.POST),
            stage=_posted_stage(request),
        )
    except Invalid as exc:
        return _render_work(request, annotation, values=result, error=exc.message)
    if review.correction.status == Annotation.Status.SUBMITTED:  # a later inspection stage judges the correction
        return _verdict_done(request, annotation_id, _("Corrected. The correction goes on to the next stage."))
    return _verdict_done(request, annotation_id, _("Corrected and accepted. The labeler's answer is kept."))
