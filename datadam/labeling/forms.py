"""Read a labeling form's POST into an annotation result, one control at a time."""

from django.http import QueryDict

from datadam.projects.schema.validate import LabelSchema


def result_from_post(schema: LabelSchema, post: QueryDict) -> dict:
    """The same shape the widget's collectResult() sends: single → str, multiple → list, text → str."""
    result: dict = {}
    for control in schema.controls:
        if control.type == "choices" and control.multiple:
            result[control.name] = post.getlist(control.name)
        elif post.get(control.name, "") != "":
            result[control.name] = post[control.name]
    return result


MAX_ACTIVE_SECONDS = 86_400


def active_seconds_from_post(post: QueryDict) -> int:
    """The page's active-time count: a whole number of seconds, 0 when missing or garbled.

    Only a report: the services store no more than the time the task or claim was held."""
    try:
        seconds = int(post.get("active_seconds", "") or 0)
    except ValueError:
        return 0
    return min(max(seconds, 0), MAX_ACTIVE_SECONDS)


def choice_hotkeys(schema: LabelSchema) -> dict[tuple[str, str], str]:
    """Hotkey per (control, label): the schema's own, else 1–9 in order across all choice labels."""
    hotkeys, taken = {}, {c.hotkey for ctl in schema.controls if ctl.type == "choices" for c in ctl.labels}
    next_digit = 1
    for control in schema.controls:
        if control.type != "choices":
            continue
        for choice in control.labels:
            key = choice.hotkey
            while not key and next_digit <= 9:
                candidate, next_digit = str(next_digit), next_digit + 1
                key = candidate if candidate not in taken else ""
            hotkeys[(control.name, choice.value)] = key
    return hotkeys


def controls_for_display(schema: LabelSchema, values: dict) -> list[dict]:
    """What the task template draws: each control with its options, hotkeys and current values."""
    hotkeys = choice_hotkeys(schema)
    shown = []
    for control in schema.controls:
        value = values.get(control.name)
        entry = {"control": control, "value": value if isinstance(value, str) else ""}
        if control.type == "choices":
            picked = set(value) if isinstance(value, list) else {value}
            entry["options"] = [
                {
                    "value": choice.value,
                    "text": choice.text or choice.value,
                    "hotkey": hotkeys[(control.name, choice.value)],
                    "checked": choice.value in picked,
                }
                for choice in control.labels
            ]
        shown.append(entry)
    return shown
