"""Image size and audio duration of an item, as validation and exports need them.

The media import writes them beside the reference: `data["image"] = "media:<id>"` with
`data["image_width"]`, `data["image_height"]`, and `data["audio_duration"]` (seconds). A CSV or JSONL
import may carry the same keys as columns, kept under `data["meta"]`. When a size is not known,
regions are still checked for negative or empty geometry, and the upper bounds are not checked.
"""

import math


def _fact(data: dict, key: str) -> float | None:
    for place in (data, data.get("meta") if isinstance(data.get("meta"), dict) else {}):
        found = place.get(key)
        if isinstance(found, str):
            try:
                found = float(found)
            except ValueError:
                continue
        if isinstance(found, int | float) and not isinstance(found, bool) and math.isfinite(found) and found > 0:
            return float(found)
    return None


def image_size(data: dict, source: str = "image") -> tuple[float, float] | None:
    width, height = _fact(data, f"{source}_width"), _fact(data, f"{source}_height")
    return (width, height) if width and height else None


def audio_duration(data: dict, source: str = "audio") -> float | None:
    return _fact(data, f"{source}_duration")
