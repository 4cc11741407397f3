"""The media app's part of the isolation tests: A's media import and an expiring link to one of A's recordings."""

import io
import wave

from django.core.files.uploadedfile import SimpleUploadedFile

from datadam.media import collect, imports
from datadam.media.links import media_token_make
from datadam.media.models import MediaFile
from datadam.projects.models import Project, ProjectMembership
from tests.security.shapes import ObjectsOfA

SECRET_RECORDING = "a-secret-recording.wav"
SECRET_PROMPT = "A의 비밀 녹음 문장"

# The plainest body (no file, an empty list) is refused for its shape before the access check.
BODIES = {
    ("POST", "/api/v1/projects/{project_id}/media/imports"): lambda a: {
        "files": [SimpleUploadedFile("outsider.png", b"\x89PNG\r\n\x1a\n")]
    },
    ("POST", "/api/v1/projects/{project_id}/media/imports/urls"): lambda a: {"urls": "https://example.com/a.png"},
}


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
    a.ids.setdefault("item_id", cast.items[0].id)
    a.ids["media_token"] = media_token_make(media_id=media.id, user_id=cast.manager.id)
    a.secrets.append(SECRET_RECORDING)
    _collection_of_a(cast, a)


def _collection_of_a(cast, a: ObjectsOfA) -> None:
    """A speech collection of A's with one recording by A's labeler, waiting for A's reviewer."""
    task = collect.collection_create(
        actor=cast.manager,
        organization=cast.project.organization,
        name="A의 비밀 음성 수집",
        kind="audio",
        consent_text="동의합니다",
        prompts=[SECRET_PROMPT],
        target_project=cast.project,
    )
    # An open project's name is public on everyone's list of projects to join; A's collection is invite-only,
    # so its name is one of A's secrets.
    Project.objects.filter(id=task.project_id).update(join_policy=Project.JoinPolicy.INVITE)
    ProjectMembership.objects.create(project=task.project, user=cast.labeler, role=ProjectMembership.Role.LABELER)
    ProjectMembership.objects.create(project=task.project, user=cast.reviewer, role=ProjectMembership.Role.REVIEWER)
    prompt = collect.prompt_next(actor=cast.labeler, task=task)
    contribution = collect.contribution_submit(
        actor=cast.labeler, task=task, prompt_id=prompt.id, upload=io.BytesIO(_wav()), file_name="a.wav", consent=True
    )
    a.ids["collection_id"] = task.id
    a.ids["contribution_id"] = contribution.id
    a.secrets += [SECRET_PROMPT, "A의 비밀 음성 수집"]
