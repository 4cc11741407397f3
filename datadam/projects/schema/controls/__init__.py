"""One module per control kind. Each holds its `Config` model, `validate_value` and `score`.

To add a control kind: write `controls/<kind>.py` with those three names, then list it in KINDS.
"""

from types import ModuleType

from datadam.projects.schema.controls import choices, text

KINDS: dict[str, ModuleType] = {"choices": choices, "text": text}
