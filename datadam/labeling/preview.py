"""The task page as a labeler would see it, for a schema still being written (the project builder's preview).

The item is the project's first one when it has items, else a sample for its data type: a Korean sentence,
a photo or a short recording shipped with the site. Nothing is saved; a schema with a mistake gives the
mistake in the person's language instead of a page.
"""

from django.templatetags.static import static
from django.utils.translation import gettext as _

from datadam.core.errors import SchemaViolation
from datadam.core.text import load_bounded_json
from datadam.labeling import page_layout
from datadam.media.selectors import item_media
from datadam.projects.models import Item, Project
from datadam.projects.schema.controls import traits_of
from datadam.projects.schema.validate import LabelSchema, schema_parse
from datadam.projects.withheld import withheld

SAMPLE_TEXT = "홍길동은 2024년 서울에서 데이터담 주식회사를 세웠다. 서비스가 정말 마음에 든다."
SAMPLE_MEDIA = {
    "image": {"kind": "image", "path": "datadam/samples/photo.jpg", "width": 640, "height": 427},
    "audio": {"kind": "audio", "path": "datadam/samples/speech.wav", "duration": 0.45},
}


def schema_from_text(text: str) -> LabelSchema:
    """The schema field's JSON, parsed and checked, or SchemaViolation in the person's language."""
    try:
        document = load_bounded_json(text or "")
    except ValueError:
        raise SchemaViolation(_("The schema is not valid JSON yet.")) from None
    return schema_parse(document)


def sample_item(schema: LabelSchema, data_type: str) -> tuple[dict, dict]:
    """Item data and media for a project with no items yet: each widget's field gets a sample to draw on."""
    data: dict = {"text": SAMPLE_TEXT}
    media: dict = {}
    kinds = {data_type} | {traits_of(control).widget for control in schema.controls}
    for control in schema.controls:
        widget = traits_of(control).widget
        if widget == "text":
            data[page_layout.source_of(control, schema)] = SAMPLE_TEXT
        elif widget in SAMPLE_MEDIA:
            _sample_media(data, media, page_layout.source_of(control, schema), widget)
    for kind in kinds & set(SAMPLE_MEDIA):
        if not any(found["kind"] == kind for found in media.values()):
            _sample_media(data, media, kind, kind)
    return data, media


def _sample_media(data: dict, media: dict, source: str, kind: str) -> None:
    sample = SAMPLE_MEDIA[kind]
    data[source] = "sample"
    media[source] = {key: value for key, value in sample.items() if key != "path"} | {"url": static(sample["path"])}


def preview_context(*, actor, schema_text: str, data_type: str, project: Project | None = None) -> dict:
    """What `labeling/_preview.html` draws: the task page's blocks on an item, or the schema's mistake."""
    try:
        schema = schema_from_text(schema_text)
    except SchemaViolation as exc:
        return {"preview_error": exc.message}
    item = None
    if project is not None:
        shown = Item.objects.filter(project=project, is_published=True).exclude(withheld())  # not one held back
        item = shown.order_by("id").first()
    if item is not None:
        data, media = item.data, item_media(actor, item)
    else:
        data, media = sample_item(schema, data_type or (project.data_type if project else "text"))
    blocks = page_layout.blocks_for_display(schema, {}, data=data, media=media)
    return {
        "blocks": blocks,
        "item_text": data.get("text") if isinstance(data.get("text"), str) else "",
        "text_in_widget": any(block["widget"] == "text" and block["source"] == "text" for block in blocks),
        "plain_media": page_layout.plain_media(blocks, media),
    }
