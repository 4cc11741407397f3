"""The task page's preview for the project builder, which the projects app's pages draw with this tag."""

from django import template
from django.utils.html import json_script
from django.utils.safestring import SafeString

from datadam.labeling.page_layout import widget_messages
from datadam.labeling.preview import preview_context

register = template.Library()


@register.inclusion_tag("labeling/_preview.html", takes_context=True)
def task_preview(context: template.Context, schema_text: str, data_type: str, project: object = None) -> dict:
    """The create page has no project: its template variable then arrives as an empty string."""
    return preview_context(
        actor=context["request"].user, schema_text=schema_text or "", data_type=data_type or "", project=project or None
    )


@register.simple_tag
def widget_messages_script() -> SafeString:
    """The widgets' words, once per page, where the preview's widgets look for them."""
    return json_script(widget_messages(), "widget-messages")
