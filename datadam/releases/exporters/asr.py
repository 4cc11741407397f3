"""Speech recognition: a NeMo-style manifest (one JSON line per utterance with `audio_filepath`, `duration`
and `text`) and, as the stand-alone export, a ZIP holding the manifest and the recordings it names.

With a segments control whose segments carry transcripts, each transcribed segment is a line with its
`offset` and `duration` inside the recording and its `label`; otherwise each item is a line with the whole
recording's duration and the first text control's answer. Items without a stored recording are left out,
since their path would lead nowhere.

Where the recordings lie is the caller's to say (`audio_path`): the ZIP export puts them in `audio/` next
to `manifest.jsonl`; the release package passes its own layout, so every path resolves relative to the
manifest in whatever folder holds it. `audio_path(entry, file_name)` gets the item and its recording's
file name in exports (`<item>.<ext>`); it returns the path to write, or None to leave the item out (a
manifest for one split of the package, say).
"""

import json
from collections.abc import Callable, Iterator

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from datadam.projects.models import Project
from datadam.releases.exporters.fit import data_type_mismatch
from datadam.releases.exporters.source import Entry, controls, latest_per_item, media_blocks
from datadam.releases.zipstream import Content, stream

TITLE = gettext_lazy("Speech recognition (ZIP): the recordings and a NeMo manifest of path, duration and text")
CONTENT_TYPE = "application/zip"
EXTENSION = "zip"
MANIFEST = "manifest.jsonl"
AUDIO_FOLDER = "audio/"
DEFAULT_SUFFIX = ".wav"

AudioPath = Callable[[Entry, str], str | None]


def in_audio_folder(entry: Entry, file_name: str) -> str:
    """The stand-alone ZIP's layout: audio/<item>.<ext>, beside manifest.jsonl."""
    return AUDIO_FOLDER + file_name


def supports(project: Project) -> str | None:
    if reason := data_type_mismatch(project, Project.DataType.AUDIO, _("A speech recognition manifest")):
        return reason
    transcribed = [control for control in controls(project, "segments") if control.transcript]
    if not transcribed and not controls(project, "text"):
        return _("A speech recognition manifest needs transcripts: segments with transcripts or a text control.")
    return None


def rows(project: Project, include: str = "accepted") -> Iterator[bytes]:
    """The ZIP: manifest.jsonl first, then each recording the manifest names, copied in blocks."""
    return stream(members(project, include))


def members(project: Project, include: str) -> Iterator[tuple[str, Content]]:
    source = audio_source(project)
    yield MANIFEST, manifest(project, include)
    segments, texts = controls(project, "segments"), controls(project, "text")
    for entry in latest_per_item(project, include, with_media=True):
        found = entry.files.get(source)
        if found and utterances(entry, segments, texts, source):
            name = in_audio_folder(entry, entry.file_name(source, DEFAULT_SUFFIX))
            yield name, media_blocks(found["id"])


def manifest(project: Project, include: str = "accepted", *, audio_path: AudioPath = in_audio_folder) -> Iterator[str]:
    """The manifest's lines, one piece per item, with each recording's path as `audio_path` lays it out."""
    segments, texts, source = controls(project, "segments"), controls(project, "text"), audio_source(project)
    for entry in latest_per_item(project, include, with_media=True):
        if not entry.files.get(source):
            continue
        path = audio_path(entry, entry.file_name(source, DEFAULT_SUFFIX))
        if path is None:
            continue
        common = {"audio_filepath": path, "item_id": entry.item_id, "external_id": entry.external_id}
        lines = [{**common, **utterance} for utterance in utterances(entry, segments, texts, source)]
        yield "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)


def audio_source(project: Project) -> str:
    segments = controls(project, "segments")
    return segments[0].source if segments else "audio"


def utterances(entry: Entry, segments: list, texts: list, source: str) -> list[dict]:
    """The item's transcribed segments, or its whole recording with the first text control's answer."""
    found = []
    for control in segments:
        for segment in entry.result.get(control.name) or []:
            if isinstance(segment, dict) and segment.get("text"):
                start, end = float(segment["start"]), float(segment["end"])
                found.append(
                    {
                        "offset": start,
                        "duration": round(end - start, 4),
                        "text": segment["text"],
                        "label": segment.get("label"),
                    }
                )
    if not found and texts and isinstance(entry.result.get(texts[0].name), str) and entry.result[texts[0].name]:
        found.append({"duration": entry.audio_duration(source), "text": entry.result[texts[0].name]})
    return found
