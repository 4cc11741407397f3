"""One module per control kind. Each holds its `Config` model, `validate_value` and `score`.

`validate_value(config, value, context)` raises SchemaViolation naming the control; `context` carries the
item's data (text, image size, audio duration) and the whole answer (relations look up their spans).
`score(config, gold, answer)` returns a float in [0, 1].

To add a control kind: write `controls/<kind>.py` with those three names, then list it in KINDS.
"""

from types import ModuleType

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
