"""Validate a label schema document, and annotations against a schema."""

from typing import Annotated, Union

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError, model_validator

from datadam.core.errors import SchemaViolation
from datadam.core.text import contains_nul
from datadam.projects.schema.controls import KINDS

AnyControl = Annotated[Union[tuple(module.Config for module in KINDS.values())], Field(discriminator="type")]


class LabelSchema(BaseModel):
    model_config = ConfigDict(extra="forbid")

    controls: list[AnyControl] = Field(min_length=1, max_length=50)

    @model_validator(mode="after")
    def names_are_unique(self) -> "LabelSchema":
        names = [control.name for control in self.controls]
        duplicates = sorted({name for name in names if names.count(name) > 1})
        if duplicates:
            raise ValueError(f"two controls are named {duplicates[0]!r}")
        return self


_adapter = TypeAdapter(LabelSchema)


def schema_parse(document: object) -> LabelSchema:
    """Parse a schema document or raise SchemaViolation naming the JSON path of the first problem."""
    if contains_nul(document):
        raise SchemaViolation("The schema holds a NUL character, which cannot be stored.")
    try:
        return _adapter.validate_python(document)
    except ValidationError as exc:
        raise SchemaViolation(_describe(exc.errors()[0], document)) from None


def annotation_validate(schema: LabelSchema, result: object) -> dict:
    """Check one annotation's result against the schema; returns it unchanged when valid."""
    if not isinstance(result, dict):
        raise SchemaViolation("The result must be an object with one key per control.")
    controls = {control.name: control for control in schema.controls}
    unknown = sorted(set(result) - set(controls))
    if unknown:
        raise SchemaViolation(f"{unknown[0]}: there is no such control in this project's schema")
    for name, control in controls.items():
        if name not in result or result[name] in (None, ""):
            if control.required:
                raise SchemaViolation(f"{name}: this answer is required")
            continue
        KINDS[control.type].validate_value(control, result[name])
    return result


def _describe(error: dict, document: object) -> str:
    path = _json_path(error["loc"])
    if error["type"] == "union_tag_invalid":
        kind = error.get("ctx", {}).get("tag", "?")
        known = ", ".join(KINDS)
        return f"{path}.type: unknown control {kind!r}; known controls: {known}"
    if error["type"] == "union_tag_not_found":
        return f"{path}.type: each control needs a type ({', '.join(KINDS)})"
    if path == "$" and error["type"] in {"model_type", "dict_type"}:
        return "The schema must be a JSON object with a list of controls."
    message = error["msg"].removeprefix("Value error, ")
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
