"""Read an image's size or an audio file's length and waveform, refusing bombs and files cut short.

Pillow gives image dimensions and soundfile gives audio duration; no ffmpeg. A problem becomes a
reason a person can read, never an exception that stops an import.
"""

from __future__ import annotations

import math
import struct
import warnings
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, BinaryIO

from django.conf import settings
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    import soundfile

MAX_PEAKS = 20_000
PEAKS_PER_SECOND = 50
BUCKETS_PER_READ = 64


@dataclass
class ProbeResult:
    ok: bool
    reason: str = ""
    width: int | None = None
    height: int | None = None
    duration: float | None = None
    sample_rate: int | None = None
    peaks: list[float] | None = field(default=None, repr=False)


def image_probe(binary: BinaryIO) -> ProbeResult:
    """Dimensions of an image, after decoding it all: a truncated file fails here, not in a labeler's browser."""
    from PIL import Image, ImageFile  # loaded on use: web processes that never take an upload skip Pillow

    ImageFile.LOAD_TRUNCATED_IMAGES = False
    Image.MAX_IMAGE_PIXELS = settings.DATADAM_IMAGE_MAX_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(binary) as image:
                width, height = image.size
                image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        reason = _("The image has more than %(limit)d pixels.") % {"limit": settings.DATADAM_IMAGE_MAX_PIXELS}
        return ProbeResult(ok=False, reason=reason)
    except (OSError, SyntaxError, ValueError, struct.error, EOFError) as exc:
        return ProbeResult(ok=False, reason=_("The image cannot be read (%(problem)s).") % {"problem": str(exc)[:200]})
    return ProbeResult(ok=True, width=width, height=height)


def audio_probe(binary: BinaryIO) -> ProbeResult:
    """Duration and waveform peaks, read block by block so a long recording never sits in memory whole."""
    if reason := _wav_cut_short(binary):
        return ProbeResult(ok=False, reason=reason)
    binary.seek(0)
    import soundfile  # loaded on use: web processes that never take an upload skip libsndfile and numpy

    try:
        with soundfile.SoundFile(binary) as sound:
            frames, rate = sound.frames, sound.samplerate
            if frames <= 0 or rate <= 0:
                return ProbeResult(ok=False, reason=_("The audio file holds no sound."))
            peaks = _peaks(sound, frames, rate)
    except (soundfile.LibsndfileError, RuntimeError, TypeError, ValueError) as exc:
        return ProbeResult(ok=False, reason=_("The audio cannot be read (%(problem)s).") % {"problem": str(exc)[:200]})
    return ProbeResult(ok=True, duration=round(frames / rate, 4), sample_rate=rate, peaks=peaks)


def _peaks(sound: soundfile.SoundFile, frames: int, rate: int) -> list[float]:
    """The loudest sample of each bucket; buckets are read many at a time (one read per bucket costs twice)."""
    import numpy as np  # already loaded by soundfile

    buckets = max(1, min(MAX_PEAKS, math.ceil(frames / rate * PEAKS_PER_SECOND)))
    per_bucket = math.ceil(frames / buckets)
    peaks: list[float] = []
    for block in sound.blocks(blocksize=per_bucket * BUCKETS_PER_READ, dtype="float32", always_2d=True):
        loudest = np.abs(block).max(axis=1)
        whole = len(loudest) // per_bucket * per_bucket
        if whole:
            peaks += np.round(loudest[:whole].reshape(-1, per_bucket).max(axis=1), 3).tolist()
        if whole < len(loudest):
            peaks.append(round(float(loudest[whole:].max()), 3))
    return peaks


def _wav_cut_short(binary: BinaryIO) -> str:
    """libsndfile quietly plays what is there of a truncated WAV; the header says how much should be."""
    binary.seek(0)
    head = binary.read(12)
    if len(head) < 12 or head[:4] != b"RIFF" or head[8:12] != b"WAVE":
        return ""
    binary.seek(0, 2)
    size = binary.tell()
    position = 12
    while position + 8 <= size:
        binary.seek(position)
        chunk_id, chunk_size = struct.unpack("<4sI", binary.read(8))
        if chunk_id == b"data":
            if position + 8 + chunk_size > size:
                return _("The audio file is cut short: its header promises more sound than it holds.")
            return ""
        position += 8 + chunk_size + (chunk_size & 1)
    return _("The audio file is cut short: it has no sound data.")
