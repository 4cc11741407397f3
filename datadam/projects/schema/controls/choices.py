"""`choices`: pick one label (single) or several (multiple). Scored by exact match / Jaccard."""

from typing import Literal

from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from datadam.core.errors import SchemaViolation
from datadam.projects.schema.controls.base import Context, LabelListConfig, Traits

TITLE = gettext_lazy("Pick labels")  # the control in the schema builder


class Config(LabelListConfig):
    type: Literal["choices"]
    multiple: bool = False


def validate_value(config: Config, value: object, context: Context | None = None) -> object:
    allowed = {choice.value for choice in config.labels}
    picked = value if config.multiple else [value]
    if config.multiple and not isinstance(value, list):
        raise SchemaViolation(_("%(control)s: expected a list of labels") % {"control": config.name})
    for label in picked:
        if not isinstance(label, str):
            raise SchemaViolation(_("%(control)s: a label must be text") % {"control": config.name})
        if label not in allowed:
            raise SchemaViolation(
                _("%(control)s: '%(label)s' is not a label of this project") % {"control": config.name, "label": label}
            )
    if config.multiple:
        if len(set(picked)) != len(picked):
            raise SchemaViolation(_("%(control)s: a label is picked twice") % {"control": config.name})
        if config.required and not picked:
            raise SchemaViolation(_("%(control)s: pick at least one label") % {"control": config.name})
    return value


def score(config: Config, gold: object, answer: object) -> float:
    """1.0 for the same label; for multiple choice, the Jaccard overlap of the two sets."""
    if not config.multiple:
        return 1.0 if gold == answer else 0.0
    gold_set, answer_set = set(gold or []), set(answer or [])
    if not gold_set and not answer_set:
        return 1.0
    return len(gold_set & answer_set) / len(gold_set | answer_set)


def from_form(config: Config, post: QueryDict, field_name: str) -> object:
    """Check boxes post a list, radio buttons one label; None when nothing was picked."""
    if config.multiple:
        return post.getlist(field_name) or None
    return post.get(field_name, "").strip() or None


def describe(config: Config, value: object) -> str:
    texts = {label.value: label.text or label.value for label in config.labels}
    return ", ".join(texts.get(picked, str(picked)) for picked in (value if isinstance(value, list) else [value]))


def traits(config: Config) -> Traits:
    options = tuple((label.value, label.text or label.value) for label in config.labels)
    if config.multiple:
        return Traits(options=options)
    return Traits(options=options, column="text", consensus="vote", agreement="nominal")
