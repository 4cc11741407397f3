"""The speech recognition export is a ZIP whose manifest names recordings that are in it: soundfile opens
every path relative to the manifest; the release package can lay the paths out its own way."""

import json

import pytest
import soundfile

from datadam.releases.exporters import asr
from tests.releases.exporting import RECORDINGS, audio_project, collect, unzip


@pytest.fixture
def digits(cast):
    return audio_project(cast)


def test_every_manifest_path_opens_with_soundfile_relative_to_the_manifest(digits, tmp_path) -> None:
    folder = unzip(collect(digits, "asr"), tmp_path)
    lines = [json.loads(line) for line in (folder / asr.MANIFEST).read_text(encoding="utf-8").splitlines()]

    assert [line["text"] for line in lines] == ["three", "seven"]
    for line in lines:
        info = soundfile.info(folder / line["audio_filepath"])
        assert info.samplerate == 8000
        assert line.get("offset", 0) + line["duration"] <= info.duration + 1e-6
    segment, whole = lines
    assert (segment["offset"], segment["duration"], segment["label"]) == (0.05, 0.25, "digit")
    assert whole["duration"] == pytest.approx(soundfile.info(RECORDINGS[1]).duration, abs=0.01)
    assert sorted(path.name for path in (folder / "audio").iterdir()) == sorted(
        line["audio_filepath"].removeprefix("audio/") for line in lines
    )


def test_the_shipped_recordings_are_the_stored_files_unchanged(digits, tmp_path) -> None:
    folder = unzip(collect(digits, "asr"), tmp_path)

    shipped = sorted(path.read_bytes() for path in (folder / "audio").iterdir())

    assert shipped == sorted(path.read_bytes() for path in RECORDINGS)


def test_the_package_passes_its_own_audio_layout_and_may_leave_items_out(digits) -> None:
    def layout(entry, file_name: str) -> str | None:
        return None if entry.result.get("transcript") else f"../Training/01.원천데이터/TS_digits/{file_name}"

    lines = [
        json.loads(line) for piece in asr.manifest(digits, "accepted", audio_path=layout) for line in piece.splitlines()
    ]

    assert len(lines) == 1
    assert lines[0]["audio_filepath"] == f"../Training/01.원천데이터/TS_digits/{lines[0]['item_id']:08d}.wav"
