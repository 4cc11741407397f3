"""Validate a label schema document, and annotations against a schema."""

import functools
import json
import operator
from typing import Annotated

from django.utils.translation import gettext as _
from pydantic import BaseModel, ConfigDict, Field, ValidationError, create_model, model_validator

from datadam.core.errors import SchemaViolation
from datadam.core.text import unstorable_reason
from datadam.projects.schema import media
from datadam.projects.schema.controls import KINDS, score_in, traits_of
from datadam.projects.schema.controls.base import Context, ControlConfig
from datadam.projects.schema.problems import problem_words


class LabelSchema(BaseModel):
    """A project's label schema: its controls, each parsed by its kind's Config (see `_schema_model`)."""

    model_config = ConfigDict(extra="forbid")

    controls: list[ControlConfig] = Field(min_length=1, max_length=50)

    @model_validator(mode="after")
    def names_are_unique(self) -> "LabelSchema":
        names = [control.name for control in self.controls]
        duplicates = sorted({name for name in names if names.count(name) > 1})
        if duplicates:
            raise ValueError(_("two controls are named %(name)s") % {"name": repr(duplicates[0])})
        kinds = {control.name: control.type for control in self.controls}
        for control in self.controls:
            follows = traits_of(control).follows
            if follows and kinds.get(follows.control) != follows.kind:
                raise ValueError(
                    _("%(control)s: %(field)s must name a %(kind)s control of this schema")
                    % {"control": control.name, "field": follows.field, "kind": follows.kind}
                )
        return self


@functools.cache
def _schema_model(kinds: tuple[tuple[str, object], ...]) -> type[LabelSchema]:
    """LabelSchema whose controls are one discriminated union over the registered kinds' Configs.

    Built from the registry (and again if a kind is registered later), so a new kind needs no edit here."""
    any_control = Annotated[
        functools.reduce(operator.or_, (module.Config for _kind, module in kinds)), Field(discriminator="type")
    ]
    return create_model(
        "LabelSchema",
        __base__=LabelSchema,
        controls=(list[any_control], Field(min_length=1, max_length=50)),
    )


def schema_parse(document: object) -> LabelSchema:
    """Parse a schema document or raise SchemaViolation naming the JSON path of the first problem."""
    if reason := unstorable_reason(document):
        raise SchemaViolation(reason)
    try:
        return _schema_model(tuple(KINDS.items())).model_validate(document)
    except ValidationError as exc:
        raise SchemaViolation(_describe(exc.errors()[0], document)) from None


@functools.lru_cache(maxsize=256)
def schema_parse_text(text: str) -> LabelSchema:
    """schema_parse of a schema as the database stores it (JSON text), kept per text: the annotator loop then
    parses its project's schema once per process instead of at every submit. A changed schema is another
    text, so it is parsed afresh. The schema returned is shared: read it, never change it."""
    return schema_parse(json.loads(text))


def annotation_validate(
    schema: LabelSchema, result: object, item_data: dict | None = None, *, project_id: int | None = None
) -> dict:
    """Check one annotation's result against the schema and the item it labels; returns it unchanged.

    `item_data` is the item's data: spans are checked against its text, boxes against the image size,
    segments against the audio duration: those of the media app's files when `project_id` is given, else
    figures stored in the data (see schema/media.py). The first problem raises SchemaViolation naming the control.
    Without `item_data` only what the answer alone shows is checked (labels, shapes, start < end).
    """
    if not isinstance(result, dict):
        raise SchemaViolation(_("The result must be an object with one key per control."))
    if reason := unstorable_reason(result):
        raise SchemaViolation(reason)
    controls = {control.name: control for control in schema.controls}
    unknown = sorted(set(result) - set(controls))
    if unknown:
        raise SchemaViolation(
            _("%(control)s: there is no such control in this project's schema") % {"control": unknown[0]}
        )
    data = item_data if isinstance(item_data, dict) else {}
    facts = media.media_facts(data, project_id)
    context = Context(data=data, result=result, media=facts, item_known=isinstance(item_data, dict))
    for name, control in controls.items():
        if name not in result or result[name] in (None, ""):
            if control.required:
                raise SchemaViolation(_("%(control)s: this answer is required") % {"control": name})
            continue
        KINDS[control.type].validate_value(control, result[name], context)
    return result


def result_score(schema: LabelSchema, gold: dict, answer: dict) -> dict[str, float]:
    """Each control's score of `answer` against `gold` (both results), in [0, 1].

    Relations are compared through their spans' positions, since span ids differ between two answers.
    """
    return {control.name: score_in(control, gold, answer) for control in schema.controls}


def _describe(error: dict, document: object) -> str:
    path = _json_path(error["loc"])
    if error["type"] == "union_tag_invalid":
        kind = error.get("ctx", {}).get("tag", "?")
        known = ", ".join(KINDS)
        return _("%(path)s.type: unknown control %(kind)s; known controls: %(known)s") % {
            "path": path,
            "kind": repr(kind),
            "known": known,
        }
    if error["type"] == "union_tag_not_found":
        return _("%(path)s.type: each control needs a type (%(known)s)") % {"path": path, "known": ", ".join(KINDS)}
    if path == "$" and error["type"] in {"model_type", "dict_type"}:
        return _("The schema must be a JSON object with a list of controls.")
    message = problem_words(error)
    return f"{path}: {message}" if path != "$" else message


def _json_path(loc: tuple) -> str:
    """('controls', 1, 'choices', 'labels') → controls[1].labels; the discriminator's tag is dropped."""
    path = "$"
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        elif part in KINDS:
            continue
        else:
            path += f".{part}"
    return path.removeprefix("$.") if path != "$" else path
