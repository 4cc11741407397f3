"""ASR manifest (NeMo style): one JSON line per utterance with `audio_filepath`, `duration` and `text`.

With a segments control whose segments carry transcripts, each transcribed segment is a line with its
`offset` and `duration` inside the recording and its `label`; otherwise each item is a line with the whole
recording's duration and the first text control's answer. `audio_filepath` is `audio/<item>.<ext>`, the
name the release package and the ZIP exports give the file.
"""

import json
from collections.abc import Iterator

from datadam.projects.models import Project
from datadam.releases.exporters.source import controls, latest_per_item

CONTENT_TYPE = "application/x-ndjson; charset=utf-8"
EXTENSION = "asr.jsonl"


def supports(project: Project) -> bool:
    return project.data_type == "audio" or bool(controls(project, "segments"))


def rows(project: Project, include: str = "accepted") -> Iterator[str]:
    segments, texts = controls(project, "segments"), controls(project, "text")
    source = segments[0].source if segments else "audio"
    for entry in latest_per_item(project, include, with_media=True):
        path = "audio/" + entry.file_name(source, ".wav")
        common = {"audio_filepath": path, "item_id": entry.item_id, "external_id": entry.external_id}
        lines = []
        for control in segments:
            for segment in entry.result.get(control.name) or []:
                if isinstance(segment, dict) and segment.get("text"):
                    start, end = float(segment["start"]), float(segment["end"])
                    lines.append(
                        {
                            **common,
                            "offset": start,
                            "duration": round(end - start, 4),
                            "text": segment["text"],
                            "label": segment.get("label"),
                        }
                    )
        if not lines and texts and isinstance(entry.result.get(texts[0].name), str):
            lines.append({**common, "duration": entry.audio_duration(source), "text": entry.result[texts[0].name]})
        yield "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)
