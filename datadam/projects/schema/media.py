"""Image size and audio duration of an item, as validation and exports need them.

The media app probes each file and keeps width, height and duration on its MediaFile; an item points at
it as `data["image"] = "media:<id>"`. Items imported from CSV or JSONL may instead carry the figures as
fields (`image_width`, `image_height`, `audio_duration`, or the same under `data["meta"]`).
`media_facts` reads the media app's figures for one item (one query, only files of the item's project);
when no size is known at all, regions are still checked for negative or empty geometry, not the far edge.
"""

import math

from django.apps import apps

PREFIX = "media:"


def media_facts(data: dict, project_id: int | None) -> dict[str, dict]:
    """{field: {"width", "height", "duration"}} for the item's "media:<id>" fields, from the media app."""
    refs = {
        name: int(value[len(PREFIX) :])
        for name, value in (data or {}).items()
        if isinstance(value, str) and value.startswith(PREFIX) and value[len(PREFIX) :].isdigit()
    }
    if not refs or project_id is None or not apps.is_installed("datadam.media"):
        return {}
    # Looked up by name: the media app depends on projects, so projects must not import it.
    media_file = apps.get_model("media", "MediaFile")
    rows = media_file.objects.filter(project_id=project_id, id__in=refs.values()).values(
        "id", "width", "height", "duration"
    )
    by_id = {row["id"]: row for row in rows}
    return {name: by_id[media_id] for name, media_id in refs.items() if media_id in by_id}


def _number(found: object) -> float | None:
    if isinstance(found, str):
        try:
            found = float(found)
        except ValueError:
            return None
    if isinstance(found, int | float) and not isinstance(found, bool) and math.isfinite(found) and found > 0:
        return float(found)
    return None


def _fact(data: dict, facts: dict, source: str, key: str) -> float | None:
    if (found := _number((facts.get(source) or {}).get(key))) is not None:
        return found
    meta = data.get("meta") if isinstance(data.get("meta"), dict) else {}
    for place in (data, meta):
        if (found := _number(place.get(f"{source}_{key}"))) is not None:
            return found
    return None


def image_size(data: dict, source: str = "image", facts: dict | None = None) -> tuple[float, float] | None:
    width, height = _fact(data, facts or {}, source, "width"), _fact(data, facts or {}, source, "height")
    return (width, height) if width and height else None


def audio_duration(data: dict, source: str = "audio", facts: dict | None = None) -> float | None:
    return _fact(data, facts or {}, source, "duration")
