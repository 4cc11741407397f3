"""Lay a label schema out as form fields for practice and evaluation pages.

The pages render the course's controls as plain HTML inputs (radio buttons, check boxes, text areas,
numbers), so they work with the keyboard and without scripts. A posted page is read back by the shared
parser, `projects.schema.answers.answer_from_post`.
"""

from datadam.projects.schema.validate import LabelSchema


def field_name(prefix: str, control_name: str) -> str:
    return f"{prefix}{control_name}"


def control_fields(schema: LabelSchema, prefix: str = "", chosen: dict | None = None) -> list[dict]:
    """What a template needs to draw each control: its kind, input name, title, options and the current value."""
    chosen = chosen or {}
    fields = []
    for control in schema.controls:
        value = chosen.get(control.name)
        field = {
            "type": control.type,
            "name": field_name(prefix, control.name),
            "title": getattr(control, "title", "") or control.name,
            "required": control.required,
            "multiple": getattr(control, "multiple", False),
            "value": value,
        }
        if control.type == "choices":
            picked = value if isinstance(value, list) else [value]
            field["options"] = [
                {"value": label.value, "text": label.text or label.value, "checked": label.value in picked}
                for label in control.labels
            ]
        if control.type == "rating":
            field["max"] = getattr(control, "max", 5)
        fields.append(field)
    return fields
