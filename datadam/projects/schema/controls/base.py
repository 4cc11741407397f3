import math
from dataclasses import dataclass, field
from typing import NamedTuple

from django.http import QueryDict
from django.utils.translation import gettext as _
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from datadam.core.errors import SchemaViolation
from datadam.core.text import load_bounded_json

NAME_PATTERN = r"^[A-Za-z_][A-Za-z0-9_\-]{0,63}$"
MAX_REGIONS = 2_000
MAX_JSON_FIELD = 2_000_000


class ControlConfig(BaseModel):
    """Fields every control has. Unknown keys are refused so typos are caught early."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(pattern=NAME_PATTERN, description="Key of this control in an annotation's result")
    title: str = Field(default="", max_length=200, description="What the worker sees above the control")
    required: bool = True


class Label(BaseModel):
    model_config = ConfigDict(extra="forbid")

    value: str = Field(min_length=1, max_length=100, pattern=r"^[^\x00]*$")
    text: str = Field(default="", max_length=200, description="Shown to the worker; defaults to value")
    hotkey: str = Field(default="", max_length=1)
    color: str = Field(default="", pattern=r"^(#[0-9A-Fa-f]{6})?$", description="#RRGGBB; empty: the palette's")


class LabelListConfig(ControlConfig):
    """A control offering the project's labels (choices, and every region control). Labels may be written as
    plain strings; values and hotkeys must be unique."""

    labels: list[Label] = Field(min_length=1, max_length=500)

    @field_validator("labels", mode="before")
    @classmethod
    def accept_plain_strings(cls, labels: object) -> object:
        if isinstance(labels, list):
            return [{"value": label} if isinstance(label, str) else label for label in labels]
        return labels

    @model_validator(mode="after")
    def values_and_hotkeys_are_unique(self) -> "LabelListConfig":
        values = [label.value for label in self.labels]
        if len(set(values)) != len(values):
            raise ValueError(_("two labels have the same value"))
        hotkeys = [label.hotkey for label in self.labels if label.hotkey]
        if len(set(hotkeys)) != len(hotkeys):
            raise ValueError(_("two labels have the same hotkey"))
        return self


class LabelledConfig(LabelListConfig):
    """A control whose regions (spans, boxes, segments, …) each carry one of the project's labels."""

    max_count: int = Field(default=MAX_REGIONS, ge=1, le=MAX_REGIONS, description="Most regions in one answer")


@dataclass(frozen=True)
class Context:
    """What a value is checked against besides its control: the item's data and the whole answer."""

    data: dict = field(default_factory=dict)
    result: dict = field(default_factory=dict)
    media: dict = field(default_factory=dict)  # {field: {"width", "height", "duration"}}, see schema/media.py
    # False when the caller passed no item data: checks that need the item (offsets in its text) are skipped.
    item_known: bool = True


def fail(config: ControlConfig, message: str, **values: object) -> SchemaViolation:
    """A SchemaViolation whose message starts with the control's name, as every answer error does."""
    # The control's name is the schema's own word, the same in every language, so it is not translated.
    return SchemaViolation(f"{config.name}: " + (message % values if values else message))


def regions(config: LabelledConfig, value: object, keys: tuple[str, ...]) -> list[dict]:
    """Check the shared shape of region lists: a list of objects with unique ids, known labels, known keys."""
    if not isinstance(value, list):
        raise fail(config, _("expected a list"))
    if len(value) > config.max_count:
        raise fail(config, _("at most %(count)d regions"), count=config.max_count)
    if config.required and not value:
        raise fail(config, _("add at least one"))
    allowed = {label.value for label in config.labels}
    seen: set[str] = set()
    for number, region in enumerate(value, start=1):
        if not isinstance(region, dict):
            raise fail(config, _("region %(number)d must be an object"), number=number)
        unknown = sorted(set(region) - set(keys) - {"id", "label"})
        if unknown:
            raise fail(config, _("region %(number)d has an unknown field %(field)s"), number=number, field=unknown[0])
        region_id = region.get("id")
        if not isinstance(region_id, str) or not 0 < len(region_id) <= 100:
            raise fail(config, _("region %(number)d needs an id (text)"), number=number)
        if region_id in seen:
            raise fail(config, _("the id %(id)s is used twice"), id=repr(region_id))
        seen.add(region_id)
        if region.get("label") not in allowed:
            raise fail(
                config,
                _("region %(id)s: %(label)s is not a label of this project"),
                id=region_id,
                label=repr(region.get("label")),
            )
    return value


def number(config: ControlConfig, region: dict, key: str) -> float:
    """A finite int or float (never a bool) stored under `key`, or a SchemaViolation naming the region."""
    found = region.get(key)
    if isinstance(found, bool) or not isinstance(found, int | float) or not math.isfinite(found):
        raise fail(config, _("region %(id)s: %(field)s must be a number"), id=region.get("id"), field=key)
    return float(found)


def labels_of(value: object) -> list[dict]:
    return [region for region in value if isinstance(region, dict)] if isinstance(value, list) else []


class Follows(NamedTuple):
    """Another control of the schema this one builds on: relations link the regions of a spans control."""

    field: str  # the Config field that names it
    control: str
    kind: str  # the kind it must be


@dataclass(frozen=True)
class Traits:
    """What the rest of Datadam needs to know about one control, besides validating and scoring its values.

    Every field is a plain word or number, so the apps above (labeling, pay, quality, releases) ask for it
    without this package importing them.
    """

    # The browser widget that draws it: "text", "image" or "audio". None: a plain form field.
    widget: str | None = None
    # A plain form field's choices as (value, shown text); none: a text area.
    options: tuple[tuple[object, str], ...] = ()
    # What one region is called in its widget's picker ("Box: car"); empty for none.
    region_noun: str = ""
    # Its column in CSV and Parquet exports: "text", "integer" or "json" (a JSON text of the value).
    column: str = "json"
    # What a unit rate may pay it by, as pay's unit names: "object", "audio_second", "character".
    pay_units: tuple[str, ...] = ()
    # How quality merges overlapped answers: "vote" (one label, by the project's method), "rover" (text),
    # "boxes" (IoU clusters) or "mode" (the most common answer).
    consensus: str = "mode"
    # Krippendorff's level for α and κ over its values: "nominal" or "interval"; None: compared by score only.
    agreement: str | None = None
    # Whether its values count in a release's label distribution (free text does not).
    label_counts: bool = True
    # The control it builds on; its score then also takes that control's two values.
    follows: Follows | None = None


def plain_from_form(post: QueryDict, field_name: str) -> str | None:
    """A plain field's text, or None when it was left empty."""
    raw = post.get(field_name, "")
    return raw if raw.strip() else None


def regions_from_form(post: QueryDict, field_name: str) -> list | None:
    """The list a region widget wrote as JSON into its hidden field; None when empty or garbled.

    JSON too large or too deep is refused (JsonOutOfBounds, a 422) rather than silently dropped."""
    raw = post.get(field_name, "")
    if not raw:
        return None
    try:
        value = load_bounded_json(raw, max_bytes=MAX_JSON_FIELD, root=f"$.{field_name}")
    except ValueError:
        return None
    return value if isinstance(value, list) and value else None


def describe_regions(config: LabelListConfig, value: object, where) -> str:
    """Regions in words, one per line: "car: at 10, 20, 30 × 15 px", where `where(region)` says the place."""
    texts = {label.value: label.text or label.value for label in config.labels}
    return "\n".join(
        f"{texts.get(region.get('label'), region.get('label'))}: {where(region)}" for region in labels_of(value)
    )
