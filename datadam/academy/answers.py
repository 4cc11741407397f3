"""Turn a label schema into form fields and a posted form back into an annotation result.

Practice and evaluation pages render the course's controls as plain HTML inputs (radio buttons, check boxes,
text areas, numbers), so they work with the keyboard and without scripts.
"""

from django.http import QueryDict

from datadam.projects.schema.validate import LabelSchema


def field_name(prefix: str, control_name: str) -> str:
    return f"{prefix}{control_name}"


def answer_from_post(schema: LabelSchema, data: QueryDict, prefix: str = "") -> dict:
    """Only what the person filled in; an empty field is left out (the schema says whether it was required)."""
    answer: dict = {}
    for control in schema.controls:
        name = field_name(prefix, control.name)
        if control.type == "choices" and getattr(control, "multiple", False):
            values = data.getlist(name)
            if values:
                answer[control.name] = values
        elif control.type == "rating":
            raw = data.get(name, "").strip()
            if raw:
                answer[control.name] = int(raw) if raw.isdigit() else raw
        else:
            raw = data.get(name, "")
            if raw.strip():
                answer[control.name] = raw.strip() if control.type == "choices" else raw
    return answer


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


def describe(schema: LabelSchema, result: dict) -> list[tuple[str, str]]:
    """An answer in words: (control title, the labels' shown texts)."""
    rows = []
    for control in schema.controls:
        if control.name not in result:
            continue
        value = result[control.name]
        if control.type == "choices":
            texts = {label.value: label.text or label.value for label in control.labels}
            values = value if isinstance(value, list) else [value]
            shown = ", ".join(texts.get(v, str(v)) for v in values)
        else:
            shown = str(value)
        rows.append((getattr(control, "title", "") or control.name, shown))
    return rows
