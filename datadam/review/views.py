from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from datadam.core.errors import Invalid
from datadam.labeling.active_seconds import active_seconds_from_post
from datadam.labeling.models import Annotation
from datadam.labeling.page_layout import blocks_for_display, plain_media, widget_kinds, widget_messages
from datadam.media.selectors import item_media
from datadam.projects import selectors as project_selectors
from datadam.projects.schema.answers import answer_from_post
from datadam.projects.schema.validate import schema_parse
from datadam.review import selectors, services


@login_required
def review_start(request: HttpRequest, project_id: int) -> HttpResponse:
    """Resume the work the reviewer holds, or claim the next, then show it at its own address."""
    project = project_selectors.project_get(actor=request.user, project_id=project_id)
    annotation = services.review_claim_next(actor=request.user, project=project)
    if annotation is None:
        return render(request, "review/nothing_waiting.html", {"project": project})
    return redirect("review:work", project_id=project.id, annotation_id=annotation.id)


@login_required
def review_page(request: HttpRequest, project_id: int, annotation_id: int) -> HttpResponse:
    annotation = selectors.annotation_for_review_get(actor=request.user, annotation_id=annotation_id)
    if annotation.status != Annotation.Status.SUBMITTED:
        return redirect("review:start", project_id=annotation.project_id)
    return _render_work(request, annotation, values=annotation.result, error=None)


def _render_work(request: HttpRequest, annotation: Annotation, *, values: dict, error: str | None) -> HttpResponse:
    project, item = annotation.project, annotation.item
    schema = schema_parse(project.schema)
    media = item_media(request.user, item)
    answer = blocks_for_display(schema, annotation.result, data=item.data, media=media)
    blocks = blocks_for_display(schema, values, data=item.data, media=media)
    context = {
        "project": project,
        "annotation": annotation,
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
    }
    return render(request, "review/work.html", context, status=422 if error else 200)


def _verdict_done(request: HttpRequest, annotation_id: int, message: str) -> HttpResponse:
    annotation = selectors.annotation_for_review_get(actor=request.user, annotation_id=annotation_id)
    messages.success(request, message)
    return redirect("review:start", project_id=annotation.project_id)


@login_required
@require_POST
def review_accept(request: HttpRequest, project_id: int, annotation_id: int) -> HttpResponse:
    services.review_accept(
        actor=request.user,
        annotation_id=annotation_id,
        comment=request.POST.get("comment", ""),
        active_seconds=active_seconds_from_post(request.POST),
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
        services.review_correct(
            actor=request.user,
            annotation_id=annotation_id,
            result=result,
            comment=request.POST.get("comment", ""),
            active_seconds=active_seconds_from_post(request.POST),
        )
    except Invalid as exc:
        return _render_work(request, annotation, values=result, error=exc.message)
    return _verdict_done(request, annotation_id, _("Corrected and accepted. The labeler's answer is kept."))
