"""The task page: several short items of a project shown, answered and sent together (`labeling.pages`).

Each item's fields are named with the prefix `a<assignment id>-`, and the page posts each assignment id in a
hidden `assignment` field, so one form carries every answer and the service says which of them are the
worker's own.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from datadam.core.errors import SchemaViolation
from datadam.labeling import page_layout, pages, selectors
from datadam.labeling.active_seconds import active_seconds_from_post
from datadam.labeling.models import Assignment
from datadam.media.selectors import item_media
from datadam.projects import selectors as project_selectors
from datadam.projects.models import Project
from datadam.projects.schema.answers import answer_from_post
from datadam.projects.schema.validate import LabelSchema, schema_parse
from datadam.projects.services import guideline_html

# Longer is not an id: the database would refuse the number rather than find nothing.
MAX_ID_DIGITS = 18


@login_required
def page_show(request: HttpRequest, project_id: int) -> HttpResponse:
    """The worker's page: the tasks they hold, or the next ones leased."""
    project = project_selectors.project_get(actor=request.user, project_id=project_id)
    assignments = pages.page_lease(actor=request.user, project=project)
    if not assignments:
        return render(request, "labeling/no_tasks.html", {"project": project})
    return _render_page(request, project, assignments, posted=None, error=None)


@login_required
@require_POST
def page_submit(request: HttpRequest, project_id: int) -> HttpResponse:
    project = project_selectors.project_get(actor=request.user, project_id=project_id)
    schema = schema_parse(project.schema)
    ids = _posted_ids(request.POST)
    answers = {assignment_id: answer_from_post(schema, request.POST, f"a{assignment_id}-") for assignment_id in ids}
    try:
        outcome = pages.page_submit(
            actor=request.user,
            project=project,
            answers=answers,
            active_seconds=active_seconds_from_post(request.POST),
        )
    except SchemaViolation as exc:
        assignments = selectors.assignment_list_own(actor=request.user, assignment_ids=ids)
        return _render_page(request, project, assignments, posted=answers, error=exc.message)
    _tell_what_was_stored(request, outcome)
    return redirect("labeling:start", project_id=project.id)


def _posted_ids(post: QueryDict) -> list[int]:
    """The page's assignment ids in the order it showed them, each once; anything else posted is left out."""
    raw = dict.fromkeys(post.getlist("assignment"))
    return [int(value) for value in raw if value.isascii() and value.isdigit() and len(value) <= MAX_ID_DIGITS]


def _tell_what_was_stored(request: HttpRequest, outcome: pages.PageOutcome) -> None:
    stored = len(outcome.stored) + len(outcome.already)
    if stored:
        text = ngettext(
            "Submitted %(count)s answer. Here is your next page.",
            "Submitted %(count)s answers. Here is your next page.",
            stored,
        )
        messages.success(request, text % {"count": stored})
    if outcome.ran_out:
        text = ngettext(
            "The time for %(count)s item ran out before you sent the page. Its answer is kept as a draft.",
            "The time for %(count)s items ran out before you sent the page. Their answers are kept as drafts.",
            len(outcome.ran_out),
        )
        messages.warning(request, text % {"count": len(outcome.ran_out)})
    if outcome.held_back:
        text = ngettext(
            "%(count)s item was held back for a report meanwhile, so its answer was not stored.",
            "%(count)s items were held back for a report meanwhile, so their answers were not stored.",
            len(outcome.held_back),
        )
        messages.info(request, text % {"count": len(outcome.held_back)})


def _render_page(
    request: HttpRequest,
    project: Project,
    assignments: list[Assignment],
    *,
    posted: dict[int, dict] | None,
    error: str | None,
) -> HttpResponse:
    """The page; `posted` holds the answers of a page sent back with an error, shown again as the worker gave them."""
    schema = schema_parse(project.schema)
    rows = [_row(request, schema, assignment, posted) for assignment in assignments]
    context = {
        "project": project,
        "rows": rows,
        "finish_by": min(assignment.expires_at for assignment in assignments) if assignments else None,
        "done_count": selectors.annotation_list_mine(actor=request.user, project=project).count(),
        "guideline_html": guideline_html(project.guideline),
        "plain_media": any(row["plain_media"] for row in rows),
        "prefilled": any(row["prefilled"] for row in rows),
        "error": error,
    }
    return render(request, "labeling/page.html", context, status=422 if error else 200)


def _row(request: HttpRequest, schema: LabelSchema, assignment: Assignment, posted: dict[int, dict] | None) -> dict:
    """One item of the page: what it shows and its controls, filled with the posted answer, the draft or the
    pre-label (marked as such), in that order."""
    prefilled: frozenset[str] = frozenset()
    if posted is not None:
        values = posted.get(assignment.id, {})
    elif assignment.draft:
        values = assignment.draft
    else:
        values = page_layout.prefill_of(schema, assignment.item.prediction)
        prefilled = frozenset(values)
    media = item_media(request.user, assignment.item)
    data = assignment.item.data
    blocks = page_layout.blocks_for_display(schema, values, data=data, media=media, prefilled=prefilled)
    return {
        "assignment": assignment,
        "text": data.get("text") if isinstance(data, dict) and isinstance(data.get("text"), str) else "",
        "prefix": f"a{assignment.id}-",
        "blocks": blocks,
        "plain_media": page_layout.plain_media(blocks, media),
        "prefilled": bool(prefilled),
    }
