"""The manager answers a gold item in the real task form: first the item, then the answer, as a labeler gives it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from datadam.core.errors import DomainError
from datadam.labeling import page_layout
from datadam.media.selectors import item_media
from datadam.projects import selectors as project_selectors
from datadam.projects.models import Item, Project
from datadam.projects.schema.answers import answer_from_post
from datadam.projects.schema.validate import schema_parse
from datadam.quality import gold_answers
from datadam.quality.gold_forms import GoldItemChooseForm

PREFIX = "answer-"  # the controls' fields, kept apart from the item's own fields on the same form


@login_required
def gold_answer(request: HttpRequest, project_id: int) -> HttpResponse:
    project = project_selectors.project_managed_get(actor=request.user, project_id=project_id)
    form = GoldItemChooseForm(request.POST or None)
    if request.method != "POST" or not form.is_valid():
        return render(request, "quality/gold_answer.html", {"project": project, "form": form})
    item = _existing_item(project, form.cleaned_data["item"])
    if form.cleaned_data["item"] and item is None:
        form.add_error("item", _("No such item."))
        return render(request, "quality/gold_answer.html", {"project": project, "form": form}, status=404)
    if "save" not in request.POST:
        return _answer_page(request, project, form, item, values={})
    answer = answer_from_post(schema_parse(project.schema), request.POST, prefix=PREFIX)
    try:
        _save(request, project, form.cleaned_data, item, answer)
    except DomainError as exc:
        return _answer_page(request, project, form, item, values=answer, error=exc.message)
    messages.success(request, _("Gold item added."))
    return redirect("quality:manage", project_id=project.id)


def _existing_item(project: Project, item_id: int | None) -> Item | None:
    if not item_id:
        return None
    return Item.objects.filter(project=project, id=item_id, is_published=True).first()


def _save(request: HttpRequest, project: Project, data: dict, item: Item | None, answer: dict) -> None:
    if item is not None:
        gold_answers.gold_item_answer_existing(
            actor=request.user, project=project, item_id=item.id, answer=answer, explanation=data["explanation"]
        )
    else:
        gold_answers.gold_item_answered(
            actor=request.user, project=project, answer=answer, text=data["text"], explanation=data["explanation"]
        )


def _answer_page(
    request: HttpRequest, project: Project, form, item: Item | None, *, values: dict, error: str = ""
) -> HttpResponse:
    """The task form for the gold item, laid out as the labeling page lays it out."""
    data = item.data if item is not None else {"text": form.cleaned_data["text"]}
    media = item_media(request.user, item) if item is not None else {}
    blocks = page_layout.blocks_for_display(schema_parse(project.schema), values, data=data, media=media)
    context = {
        "project": project,
        "form": form,
        "answering": True,
        "item_text": data.get("text") if isinstance(data.get("text"), str) else "",
        "blocks": blocks,
        "prefix": PREFIX,
        "text_in_widget": any(block["widget"] == "text" and block["source"] == "text" for block in blocks),
        "widgets": page_layout.widget_kinds(blocks),
        "plain_media": page_layout.plain_media(blocks, media),
        "widget_messages": page_layout.widget_messages(),
        "error": error,
    }
    return render(request, "quality/gold_answer.html", context, status=422 if error else 200)
