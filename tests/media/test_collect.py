"""Collection tasks: workers record or photograph for a prompt with consent; reviewers accept or reject."""

import io

import pytest
from PIL import Image

from datadam.accounts.services import user_erase
from datadam.core.errors import Conflict, Invalid, NotFound
from datadam.media import collect, selectors
from datadam.media.models import CollectionTask, Contribution, MediaFile
from datadam.media.storage import media_storage
from datadam.projects.models import Item, Project, ProjectMembership
from tests.factories import PASSWORD, ProjectMembershipFactory
from tests.media.conftest import jpeg_bytes, png_bytes, wav_bytes

pytestmark = pytest.mark.django_db


def make_collection(cast, kind: str = "audio", target: Project | None = None) -> CollectionTask:
    task = collect.collection_create(
        actor=cast.manager,
        organization=cast.project.organization,
        name="A 음성 수집",
        kind=kind,
        consent_text="제 목소리를 학습 데이터로 쓰는 데 동의합니다.",
        prompts=["안녕하세요", "감사합니다"],
        target_project=target,
    )
    for person, role in [(cast.labeler, "labeler"), (cast.labeler2, "labeler"), (cast.reviewer, "reviewer")]:
        ProjectMembershipFactory(project=task.project, user=person, role=role)
    return task


def submit(cast, task: CollectionTask, content: bytes, name: str = "clip.wav", consent: bool = True, who=None):
    prompt = collect.prompt_next(actor=who or cast.labeler, task=task)
    return collect.contribution_submit(
        actor=who or cast.labeler,
        task=task,
        prompt_id=prompt.id,
        upload=io.BytesIO(content),
        file_name=name,
        consent=consent,
    )


def test_worker_records_for_a_prompt_with_consent_and_reviewer_accepts_into_the_target_project(cast) -> None:
    task = make_collection(cast, target=cast.project)
    contribution = submit(cast, task, wav_bytes(1.2))
    assert contribution.consent_text.startswith("제 목소리") and contribution.consented_at
    assert contribution.media.duration == pytest.approx(1.2)
    assert collect.prompt_next(actor=cast.labeler, task=task).data["text"] == "감사합니다"
    assert not Item.objects.filter(project=task.project, open_slots__gt=0).exists()  # prompts stay off the queue
    accepted = collect.contribution_review(actor=cast.reviewer, contribution=contribution, accept=True)
    item = accepted.target_item
    assert item.project_id == cast.project.id and item.data["prompt"] == "안녕하세요" and item.open_slots == 1
    described = selectors.item_media(cast.labeler2, item)["audio"]
    assert described["duration"] == pytest.approx(1.2)


def test_nothing_is_saved_without_consent(cast) -> None:
    task = make_collection(cast)
    with pytest.raises(Invalid):
        submit(cast, task, wav_bytes(), consent=False)
    assert not Contribution.objects.exists() and not MediaFile.objects.filter(project=task.project).exists()


def test_unreadable_recording_is_refused_with_its_reason_and_not_kept(cast) -> None:
    task = make_collection(cast)
    clip = wav_bytes(1.0)
    with pytest.raises(Invalid, match="cut short"):
        submit(cast, task, clip[: len(clip) // 2])
    with pytest.raises(Invalid):
        submit(cast, task, png_bytes(), name="photo.png")
    assert not MediaFile.objects.filter(project=task.project).exists()


def test_rejection_needs_a_reason_and_reopens_the_prompt(cast) -> None:
    task = make_collection(cast)
    contribution = submit(cast, task, wav_bytes())
    with pytest.raises(Invalid):
        collect.contribution_review(actor=cast.reviewer, contribution=contribution, accept=False)
    rejected = collect.contribution_review(
        actor=cast.reviewer, contribution=contribution, accept=False, reason="잡음이 너무 큽니다"
    )
    assert rejected.status == "rejected" and rejected.reason == "잡음이 너무 큽니다"
    assert collect.prompt_next(actor=cast.labeler, task=task).data["text"] == "안녕하세요"
    with pytest.raises(Conflict):
        collect.contribution_review(actor=cast.reviewer, contribution=contribution, accept=True)


def test_worker_cannot_answer_a_prompt_twice_or_review_their_own(cast) -> None:
    task = make_collection(cast)
    contribution = submit(cast, task, wav_bytes())
    with pytest.raises(Conflict):
        collect.contribution_submit(
            actor=cast.labeler,
            task=task,
            prompt_id=contribution.prompt_id,
            upload=io.BytesIO(wav_bytes()),
            file_name="again.wav",
            consent=True,
        )
    ProjectMembershipFactory(project=task.project, user=cast.labeler, role=ProjectMembership.Role.REVIEWER)
    with pytest.raises(NotFound):
        collect.contribution_review(actor=cast.labeler, contribution=contribution, accept=True)


def test_outsider_cannot_contribute_or_review(cast) -> None:
    task = make_collection(cast)
    contribution = submit(cast, task, wav_bytes())
    with pytest.raises(NotFound):
        submit(cast, task, wav_bytes(), who=cast.outsider)
    with pytest.raises(NotFound):
        collect.contribution_get_for_review(actor=cast.outsider, contribution_id=contribution.id)
    with pytest.raises(NotFound):
        collect.collection_get(actor=cast.outsider, collection_id=task.id)


def test_target_project_must_be_the_same_organizations(cast) -> None:
    with pytest.raises(NotFound):
        make_collection(cast, target=cast.project_b)


def test_uploaded_photo_loses_its_gps_location(cast) -> None:
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"
    exif[0x8825] = {1: "N", 2: (37.0, 33.0, 59.0), 3: "E", 4: (126.0, 58.0, 40.0)}
    photo = jpeg_bytes(exif=exif.tobytes())
    with Image.open(io.BytesIO(photo)) as original:
        assert 0x8825 in original.getexif()
    task = make_collection(cast, kind="image")
    contribution = submit(cast, task, photo, name="street.jpg")
    with media_storage().open(contribution.media.storage_key, "rb") as stored, Image.open(stored) as image:
        kept = image.getexif()
        assert 0x8825 not in kept and kept.get(0x010F) == "CameraMaker"
    assert (contribution.media.width, contribution.media.height) == (64, 48)


def test_erasing_a_person_deletes_their_recordings_everywhere(cast, django_capture_on_commit_callbacks) -> None:
    task = make_collection(cast, target=cast.project)
    contribution = submit(cast, task, wav_bytes())
    accepted = collect.contribution_review(actor=cast.reviewer, contribution=contribution, accept=True)
    key = contribution.media.storage_key
    with django_capture_on_commit_callbacks(execute=True):
        assert collect.contribution_erase_for_person(user=cast.labeler) == 1
    assert not Contribution.objects.exists() and not Item.objects.filter(id=accepted.target_item_id).exists()
    assert not MediaFile.objects.filter(storage_key=key).exists() and not media_storage().exists(key)


def test_a_person_who_asks_to_be_erased_loses_their_recordings_too(cast, django_capture_on_commit_callbacks) -> None:
    task = make_collection(cast, kind="audio")
    key = submit(cast, task, wav_bytes()).media.storage_key
    with django_capture_on_commit_callbacks(execute=True):
        user_erase(user=cast.labeler, password=PASSWORD)
    assert not Contribution.objects.exists() and not media_storage().exists(key)
