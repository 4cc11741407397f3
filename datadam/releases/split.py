"""The deterministic train / validation split: the same items land on the same side every time.

Items are ordered by a hash of the project and item ids (not by the database's order or a random seed that
could change), then each label's items are split on their own, so the validation set has the labels in the
same proportions as the whole ("stratified"). Items without a single label to stratify by share one group.
"""

import hashlib
from collections import defaultdict


def item_order_key(project_id: int, item_id: int) -> str:
    return hashlib.sha256(f"{project_id}:{item_id}".encode()).hexdigest()


def stratum_of(schema: dict, result: dict) -> str:
    """The first single-choice answer, which is what a classifier's data set is balanced by; else no stratum."""
    for control in schema.get("controls", []):
        if control.get("type") == "choices" and not control.get("multiple"):
            value = result.get(control.get("name"))
            if isinstance(value, str):
                return value[:200]
    return ""


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
