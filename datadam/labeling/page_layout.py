"""Lay a label schema's controls out for the task and review pages.

Plain controls (choices, ratings, free text) are form fields. Region controls are drawn by a browser widget
(`traits(config).widget` of their kind: "text", "image" or "audio") that writes its list as JSON into a hidden
field named after the control. Controls that work on the same item field share one widget: boxes and polygons
on one image, spans and their relations on one text, segments on one recording. A posted page is read back by
the shared parser, `projects.schema.answers.answer_from_post`.
"""

import json

from django.utils.translation import gettext as _

from datadam.projects.schema.controls import traits_of
from datadam.projects.schema.validate import LabelSchema

# The item field each widget works on when its control names none.
DEFAULT_SOURCE = {"text": "text", "image": "image", "audio": "audio"}


def _labels(control: object) -> list:
    return list(getattr(control, "labels", None) or [])


def choice_hotkeys(schema: LabelSchema) -> dict[tuple[str, str], str]:
    """Hotkey per (control, label): the schema's own, else 1–9 in order across every labelled control."""
    labelled = [control for control in schema.controls if _labels(control)]
    hotkeys, taken = {}, {label.hotkey for control in labelled for label in _labels(control)}
    next_digit = 1
    for control in labelled:
        for choice in _labels(control):
            key = choice.hotkey
            while not key and next_digit <= 9:
                candidate, next_digit = str(next_digit), next_digit + 1
                key = candidate if candidate not in taken else ""
            hotkeys[(control.name, choice.value)] = key
    return hotkeys


def controls_for_display(schema: LabelSchema, values: dict, prefilled: frozenset[str] = frozenset()) -> list[dict]:
    """What a template draws: each control with its options, hotkeys, current value and whether it was pre-filled."""
    hotkeys = choice_hotkeys(schema)
    shown = []
    for control in schema.controls:
        value = values.get(control.name)
        entry = {
            "control": control,
            "value": value if isinstance(value, str) else _typed_text(value),
            "prefilled": control.name in prefilled,
            "labels": [
                {
                    "value": lab.value,
                    "text": lab.text or lab.value,
                    "hotkey": hotkeys[(control.name, lab.value)],
                    "color": lab.color,
                }
                for lab in _labels(control)
            ],
        }
        entry["labels_json"] = json.dumps(entry["labels"], ensure_ascii=False)
        traits = traits_of(control)
        entry["widget"], entry["region_noun"], entry["follows"] = traits.widget, traits.region_noun, traits.follows
        if traits.options:
            picked = set(value) if isinstance(value, list) else {value}
            entry["options"] = [
                {
                    "value": option,
                    "text": text,
                    "hotkey": hotkeys.get((control.name, option), ""),
                    "checked": option in picked,
                }
                for option, text in traits.options
            ]
        elif traits.widget:
            entry["regions"] = value if isinstance(value, list) else []
            entry["json"] = json.dumps(entry["regions"], ensure_ascii=False)
        shown.append(entry)
    return shown


def _typed_text(value: object) -> str:
    """A number typed into a plain field (a count, say) shown again as typed; regions and lists are not text."""
    return str(value) if isinstance(value, int | float) and not isinstance(value, bool) else ""


def source_of(control: object, schema: LabelSchema) -> str:
    """The item field a region control works on; a control that follows another (relations) works on its field."""
    traits = traits_of(control)
    if traits.follows:
        followed = next((c for c in schema.controls if c.name == traits.follows.control), None)
        if followed is not None:
            return source_of(followed, schema)
    return getattr(control, "source", None) or DEFAULT_SOURCE[traits.widget]


def blocks_for_display(
    schema: LabelSchema, values: dict, *, data: dict, media: dict, prefilled: frozenset[str] = frozenset()
) -> list[dict]:
    """The page's controls in schema order, with region controls on one item field gathered into one widget.

    `media` is what `item_media` gives per field: a viewable `url`, the size or duration, `peaks_url`."""
    blocks: list[dict] = []
    widgets: dict[tuple[str, str], dict] = {}
    for entry in controls_for_display(schema, values, prefilled):
        kind = entry["widget"]
        if kind is None:
            blocks.append({"widget": "", "entry": entry})
            continue
        source = source_of(entry["control"], schema)
        if (kind, source) not in widgets:
            widgets[(kind, source)] = _widget_block(kind, source, data, media, index=len(widgets))
            blocks.append(widgets[(kind, source)])
        widgets[(kind, source)]["entries"].append(entry)
    for block in widgets.values():
        block["prefilled"] = any(entry["prefilled"] for entry in block["entries"])
    return blocks


def _widget_block(kind: str, source: str, data: dict, media: dict, *, index: int) -> dict:
    found = media.get(source) or {}
    block = {"widget": kind, "source": source, "index": index, "entries": [], "url": found.get("url", "")}
    if kind == "text":
        text = data.get(source)
        block["text"] = text if isinstance(text, str) else ""
    elif kind == "image":
        block["width"] = found.get("width") or _number(data, f"{source}_width")
        block["height"] = found.get("height") or _number(data, f"{source}_height")
    else:
        block["duration"] = found.get("duration") or _number(data, f"{source}_duration")
        block["peaks_url"] = found.get("peaks_url") or ""
    return block


def _number(data: dict, key: str) -> float | None:
    found = data.get(key)
    return found if isinstance(found, int | float) and not isinstance(found, bool) else None


def plain_media(blocks: list[dict], media: dict) -> list[dict]:
    """Images and recordings of the item that no widget draws on (e.g. a spoken digit to classify): shown as is."""
    drawn = {block["source"] for block in blocks if block["widget"] in {"image", "audio"}}
    return [
        {"field": field, "kind": found.get("kind"), "url": found["url"]}
        for field, found in media.items()
        if field not in drawn and found.get("url") and found.get("kind") in {"image", "audio"}
    ]


def widget_kinds(blocks: list[dict]) -> list[str]:
    """Which widget scripts a page must load, each once."""
    return sorted({block["widget"] for block in blocks if block["widget"]})


def prefill_of(schema: LabelSchema, prediction: object) -> dict:
    """The model's or importer's pre-label for the controls this schema has (`item.prediction.result`)."""
    result = prediction.get("result") if isinstance(prediction, dict) else None
    if not isinstance(result, dict):
        return {}
    names = {control.name for control in schema.controls}
    return {name: value for name, value in result.items() if name in names and value not in (None, "", [])}


def widget_messages() -> dict[str, str]:
    """The words the region widgets show, translated here so the scripts carry none of their own."""
    return {
        "delete": _("Delete"),
        "delete_named": _("Delete %(name)s"),
        "show": _("Show"),
        "show_named": _("Show %(name)s"),
        "label_of": _("Label of %(name)s"),
        "box_named": _("x %(x)s, y %(y)s, width %(w)s, height %(h)s px"),
        "polygon_points": _("%(n)s points"),
        "point_named": _("x %(x)s, y %(y)s px"),
        "link_from": _("Link"),
        "link_here": _("Link here"),
        "link_cancel": _("Cancel link"),
        "link_pick_target": _("Now pick the span to link to."),
        "link_cancelled": _("Link cancelled."),
        "linked": _("Linked."),
        "segment_n": _("Segment %(n)s"),
        "play": _("Play"),
        "pause": _("Pause"),
        "play_named": _("Play %(name)s"),
        "start_of": _("Start of %(name)s, seconds"),
        "end_of": _("End of %(name)s, seconds"),
        "start_before_end": _("The start must come before the end."),
        "transcript_of": _("Transcript of %(name)s"),
        "add_segment": _("Add a segment at the playhead"),
        "span_marked": _("Marked “%(text)s”."),
        "playhead": _("Playhead: arrow keys move it, Space plays"),
        "text_role": _("text to mark"),
        "add_box": _("Add a box in the middle"),
        "add_point": _("Add a point in the middle"),
        "x_of": _("Left edge of %(name)s, px"),
        "y_of": _("Top edge of %(name)s, px"),
        "width_of": _("Width of %(name)s, px"),
        "height_of": _("Height of %(name)s, px"),
        "px_of": _("x of %(name)s, px"),
        "py_of": _("y of %(name)s, px"),
        "x_short": "x",
        "y_short": "y",
        "width_short": _("width"),
        "height_short": _("height"),
        "start_short": _("start"),
        "end_short": _("end"),
        "seconds_short": _("sec"),
        "segment_times": _("start %(start)s s, end %(end)s s"),
        "image_stage": _("The image: N adds a shape, arrow keys move the selected one"),
    }
