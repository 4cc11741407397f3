"""The media app's part of the isolation tests: A's media import and an expiring link to one of A's recordings."""

import io
import wave

from django.core.files.uploadedfile import SimpleUploadedFile

from datadam.media import imports
from datadam.media.links import media_token_make
from datadam.media.models import MediaFile
from tests.security.shapes import ObjectsOfA

SECRET_RECORDING = "a-secret-recording.wav"


def _wav() -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(8000)
        out.writeframes(b"\x10\x20" * 8000)
    return buffer.getvalue()


def objects_of_a(cast, a: ObjectsOfA) -> None:
    """A media import of A's project holding one recording, and a link to it made for A's manager.

    The outsider must get 404 from the link (it was made for someone else, and the file is not theirs),
    from the peaks behind it and from the import's progress page.
    """
    upload = SimpleUploadedFile(SECRET_RECORDING, _wav())
    batch = imports.media_import_create_files(actor=cast.manager, project=cast.project, uploads=[upload])
    batch = imports.media_import_run(batch_id=batch.id)
    media = MediaFile.objects.get(batch=batch)
    a.ids["media_import_id"] = batch.id
    a.ids["media_token"] = media_token_make(media_id=media.id, user_id=cast.manager.id)
    a.secrets.append(SECRET_RECORDING)
