"""What the schema builder offers for each control kind, read from the kinds' own Configs.

The builder page draws one form per control from this: a field for every setting its Config declares (a
check box for a yes/no, a number box with its bounds, a text box, a pick of another control for a control
that builds on one) and a list of labels when the kind has labels. A new kind in the registry shows up in
the builder with no change here.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from datadam.projects.schema.controls import KINDS
from datadam.projects.schema.controls.base import NAME_PATTERN, LabelListConfig

# Settings every control has, shown by the builder in its own row; the rest come from each Config.
COMMON = ("type", "name", "title", "required", "labels")

# Words for settings; a setting missing here is shown under the name its Config gives it.
WORDS = {
    "name": gettext_lazy("Name in the data"),
    "title": gettext_lazy("Title workers see"),
    "answer_required": gettext_lazy("An answer is required"),
    "multiple": gettext_lazy("Several labels may be picked"),
    "max_count": gettext_lazy("Most regions in one answer"),
    "source": gettext_lazy("Item field it works on"),
    "overlap": gettext_lazy("Regions may overlap"),
    "spans": gettext_lazy("Spans it links"),
    "directed": gettext_lazy("Links have a direction"),
    "transcript": gettext_lazy("Ask for a transcript of each segment"),
    "transcript_required": gettext_lazy("The transcript is required"),
    "max_text_length": gettext_lazy("Longest transcript (characters)"),
    "tolerance": gettext_lazy("Tolerance for a point (pixels)"),
    "min_length": gettext_lazy("Shortest answer (characters)"),
    "max_length": gettext_lazy("Longest answer (characters)"),
    "multiline": gettext_lazy("Several lines"),
    "max": gettext_lazy("Highest rating"),
    "value": gettext_lazy("Value in the data"),
    "text": gettext_lazy("Text workers see"),
    "hotkey": gettext_lazy("Key"),
    "color": gettext_lazy("Colour"),
}

INPUTS = {"boolean": "bool", "integer": "int", "number": "number", "string": "text"}


def control_kinds() -> list[dict]:
    """For each registered kind: its name, its title, whether it has labels, and its own settings."""
    return [
        {
            "type": kind,
            "title": str(getattr(module, "TITLE", kind)),
            "labels": issubclass(module.Config, LabelListConfig),
            "fields": _fields(module),
        }
        for kind, module in KINDS.items()
    ]


def builder_words() -> dict[str, str]:
    """The builder's own words, translated here so the script carries none."""
    words = {key: str(value) for key, value in WORDS.items()}
    words.update(
        {
            "add_control": _("Add a control"),
            "add_label": _("Add a label"),
            "remove": _("Remove"),
            "up": _("Move up"),
            "down": _("Move down"),
            "kind": _("Kind"),
            "control_n": _("Control %(n)s"),
            "label_n": _("Label %(n)s"),
            "labels": _("Labels"),
            "invalid_json": _("The JSON below is not valid, so the builder shows the last schema that was."),
        }
    )
    return words


def _fields(module: object) -> list[dict]:
    properties = module.Config.model_json_schema().get("properties", {})
    follows = _follows_field(module)
    fields = []
    for name, spec in properties.items():
        if name in COMMON:
            continue
        entry = {
            "name": name,
            "label": str(WORDS.get(name, spec.get("title", name))),
            "input": "control" if name == follows else INPUTS.get(spec.get("type"), "text"),
            "default": spec.get("default"),
            "min": spec.get("minimum", spec.get("exclusiveMinimum")),
            "max": spec.get("maximum"),
            "required": name in module.Config.model_json_schema().get("required", []),
        }
        fields.append(entry)
    return fields


def _follows_field(module: object) -> str:
    """The setting naming the control a kind builds on (relations: `spans`), found by asking its traits."""
    names = {name: "x" for name, spec in module.Config.model_json_schema()["properties"].items()
             if spec.get("pattern") == NAME_PATTERN}  # fmt: skip
    config = module.Config.model_construct(**names)
    try:
        follows = module.traits(config).follows
    except (AttributeError, TypeError):
        return ""
    return follows.field if follows else ""
