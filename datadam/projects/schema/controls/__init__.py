"""Label controls: one module per kind, and the registry every other app asks about a kind.

A control kind is a whole plug-in. Labeling, review, the academy, pay, quality and releases learn what
they need from its module through this registry; none of them tests `control.type == "boxes"`.

Checklist for a new kind, `controls/<kind>.py` (`rating.py` is the shortest example):

1. `Config`: a pydantic model from `base.ControlConfig` (`LabelListConfig` for labels, `LabelledConfig`
   for regions) with `type: Literal["<kind>"]`. Unknown keys are refused.
2. `validate_value(config, value, context)`: returns the value or raises `base.fail(config, …)`;
   `context` holds the item's data, its media figures and the whole answer.
3. `score(config, gold, answer)`: a float in [0, 1] against gold; quality and the academy use it.
   A kind whose traits say it `follows` another control also takes that control's gold and answer values.
4. `from_form(config, post, field_name)`: its value from a posted page (labeling, review's correction,
   academy practice and evaluation), or None when nothing was given. Region kinds return
   `base.regions_from_form(post, field_name)`: the JSON list their widget wrote.
5. `describe(config, value)`: the answer in words, for feedback beside the expected answer.
6. `traits(config)`: a `base.Traits` saying the widget that draws it (None: a plain form field), its
   options, its export column, its pay units, its consensus rule, its agreement level and what it follows.
7. `TITLE` (optional): what the schema builder calls it, e.g. `gettext_lazy("Draw boxes")`.
8. List it in `KINDS` below. A test registers a kind of its own with `register` (monkeypatched).
9. A region kind drawn by a browser widget: teach that widget (`frontend/src/widgets/`) to draw it.
"""

from types import ModuleType
from typing import Protocol

from django.http import QueryDict

from datadam.projects.schema.controls import (
    boxes,
    choices,
    keypoints,
    polygons,
    rating,
    relations,
    segments,
    spans,
    text,
)
from datadam.projects.schema.controls.base import Context, ControlConfig, Traits


class ControlKind(Protocol):
    """What a control module holds (see the checklist above)."""

    Config: type[ControlConfig]

    def validate_value(self, config: ControlConfig, value: object, context: Context | None = None) -> object: ...

    def score(self, config: ControlConfig, gold: object, answer: object, /, *followed: object) -> float: ...

    def from_form(self, config: ControlConfig, post: QueryDict, field_name: str) -> object: ...

    def describe(self, config: ControlConfig, value: object) -> str: ...

    def traits(self, config: ControlConfig) -> Traits: ...


REQUIRED = ("Config", "validate_value", "score", "from_form", "describe", "traits")

KINDS: dict[str, ModuleType] = {
    "choices": choices,
    "spans": spans,
    "relations": relations,
    "boxes": boxes,
    "polygons": polygons,
    "keypoints": keypoints,
    "segments": segments,
    "text": text,
    "rating": rating,
}


def register(kind: str, module: ModuleType, kinds: dict[str, ModuleType] = KINDS) -> None:
    """Add a control kind. The label schema is built from KINDS when it is first parsed, so call this before."""
    missing = [name for name in REQUIRED if not hasattr(module, name)]
    if missing:
        raise TypeError(f"control module {module.__name__} lacks {', '.join(missing)}")
    kinds[kind] = module


def kind_of(control: ControlConfig) -> ControlKind:
    """The module of a parsed control."""
    return KINDS[control.type]


def traits_of(control: ControlConfig) -> Traits:
    return KINDS[control.type].traits(control)


def score_in(control: ControlConfig, gold: dict, answer: dict) -> float:
    """One control's score of an answer against gold (both whole results), with the control it follows."""
    kind = KINDS[control.type]
    follows = kind.traits(control).follows
    expected, given = gold.get(control.name), answer.get(control.name)
    if follows is None:
        return kind.score(control, expected, given)
    return kind.score(control, expected, given, gold.get(follows.control), answer.get(follows.control))
