"""The deterministic train / validation split: the same items land on the same side every time.

Items are ordered by a hash of the project and item ids (not by the database's order or a random seed that
could change), then each label's items are split on their own, so the validation set has the labels in the
same proportions as the whole ("stratified"). Items without a single label to stratify by share one group.
"""

import functools
import hashlib
import json
from collections import defaultdict

from datadam.core.errors import DomainError
from datadam.projects.schema.controls import traits_of
from datadam.projects.schema.validate import schema_parse


def item_order_key(project_id: int, item_id: int) -> str:
    return hashlib.sha256(f"{project_id}:{item_id}".encode()).hexdigest()


def stratum_of(schema: dict, result: dict) -> str:
    """The first single-label answer (a control whose kind compares it as one nominal value: a single choice),
    which is what a classifier's data set is balanced by; else no stratum."""
    for name in _nominal_controls(json.dumps(schema, sort_keys=True)):
        value = result.get(name)
        if isinstance(value, str):
            return value[:200]
    return ""


@functools.lru_cache(maxsize=32)
def _nominal_controls(schema_json: str) -> tuple[str, ...]:
    try:
        schema = schema_parse(json.loads(schema_json))
    except DomainError:  # an old schema that no longer parses is not stratified
        return ()
    return tuple(control.name for control in schema.controls if traits_of(control).agreement == "nominal")


def validation_ids(project_id: int, strata: dict[int, str], percent: int) -> set[int]:
    """The item ids that go to validation: `percent` of each stratum, rounded, taken in hash order."""
    groups: dict[str, list[int]] = defaultdict(list)
    for item_id, stratum in strata.items():
        groups[stratum].append(item_id)
    chosen: set[int] = set()
    for ids in groups.values():
        ids.sort(key=lambda item_id: item_order_key(project_id, item_id))
        chosen.update(ids[: round(len(ids) * percent / 100)])
    return chosen
