"""Collection tasks: crowd workers record speech or take a photo for a prompt, with their consent per item.

A collection is a project of its own whose items are prompts. Prompts never enter the labeling queue
(no open slots): workers reach them through the collection page. Each contribution is reviewed like a
label (accept, or reject with a reason); an accepted one becomes an item of the target labeling project.
"""

import io
from typing import BinaryIO

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from datadam.accounts.models import Organization, User
from datadam.audit.services import audit_record_project
from datadam.core.errors import Conflict, Invalid, NotFound
from datadam.media import permissions, services
from datadam.media.models import CollectionTask, Contribution, MediaFile
from datadam.media.storage import media_storage
from datadam.projects import services as project_services
from datadam.projects.models import Item, Project
from datadam.projects.permissions import can_review
from datadam.projects.selectors import project_list

MAX_PROMPTS = 10_000
GPS_TAG = 0x8825
COLLECTION_SCHEMA = {"controls": [{"type": "text", "name": "note", "title": "Note", "required": False}]}


@transaction.atomic
def collection_create(
    *,
    actor: User,
    organization: Organization,
    name: str,
    kind: str,
    consent_text: str,
    prompts: list[str],
    target_project: Project | None = None,
    max_seconds: int = 30,
) -> CollectionTask:
    """A collection project with its prompts. The target project, if any, must be the same organization's."""
    if kind not in CollectionTask.Kind.values:
        raise Invalid(_("Choose speech or photo."))
    prompts = [prompt.strip() for prompt in prompts if prompt.strip()]
    if not prompts or len(prompts) > MAX_PROMPTS:
        raise Invalid(_("Write between 1 and %(limit)d prompts, one per line.") % {"limit": MAX_PROMPTS})
    if not consent_text.strip():
        raise Invalid(_("Write the consent text workers agree to."))
    if target_project is not None and target_project.organization_id != organization.id:
        raise NotFound(_("No such project."))
    project = project_services.project_create(
        actor=actor,
        organization=organization,
        name=name,
        schema=COLLECTION_SCHEMA,
        data_type=kind,
        join_policy=Project.JoinPolicy.OPEN,
    )
    task = CollectionTask.objects.create(
        project=project,
        kind=kind,
        consent_text=consent_text.strip(),
        target_project=target_project,
        max_seconds=max(3, min(max_seconds, 600)),
    )
    Item.objects.bulk_create(
        Item(
            project=project,
            external_id=f"prompt-{n}",
            data={"text": prompt[:2000]},
            target_overlap=1,
            open_slots=0,
            is_published=True,
        )
        for n, prompt in enumerate(prompts, start=1)
    )
    audit_record_project(
        actor=actor,
        action="collection.create",
        target=task,
        project=project,
        detail={"prompts": len(prompts), "kind": kind},
    )
    return task


def collection_list(*, actor) -> QuerySet[CollectionTask]:
    """Collections of the actor's organizations and those the actor joined."""
    return CollectionTask.objects.filter(project__in=project_list(actor=actor)).select_related("project")


def collection_get(*, actor, collection_id: int) -> CollectionTask:
    task = collection_list(actor=actor).filter(id=collection_id).first()
    if task is None:
        raise NotFound(_("No such collection."))
    return task


def prompt_next(*, actor: User, task: CollectionTask) -> Item | None:
    """The first prompt the actor has not answered yet (a rejected answer may be given again)."""
    answered = Contribution.objects.filter(task=task, worker=actor).exclude(status=Contribution.Status.REJECTED)
    return (
        Item.objects.filter(project=task.project, is_published=True)
        .exclude(id__in=answered.values("prompt_id"))
        .order_by("id")
        .first()
    )


def contribution_submit(
    *, actor: User, task: CollectionTask, prompt_id: int, upload: BinaryIO, file_name: str, consent: bool
) -> Contribution:
    """Store the worker's recording or photo with their consent. Photos lose their location (EXIF GPS)."""
    if not permissions.can_contribute(actor, task):
        raise NotFound(_("No such collection."))
    prompt = Item.objects.filter(project=task.project, id=prompt_id, is_published=True).first()
    if prompt is None:
        raise NotFound(_("No such prompt."))
    if not consent:
        raise Invalid(_("Please agree to the consent text first; nothing was saved."))
    stream = _photo_without_location(upload) if task.kind == CollectionTask.Kind.IMAGE else upload
    media = services.media_file_probe(
        media=services.media_file_store(project=task.project, name=file_name, stream=stream, actor=actor)
    )
    if media.status != MediaFile.Status.OK or media.kind != task.kind:
        reason = media.reason or _("This is not the kind of file the task asks for.")
        _media_discard(media)
        raise Invalid(reason)
    try:
        with transaction.atomic():
            contribution = Contribution.objects.create(
                task=task,
                prompt=prompt,
                worker=actor,
                media=media,
                consent_text=task.consent_text,
                consented_at=timezone.now(),
            )
    except IntegrityError:
        _media_discard(media)
        raise Conflict(_("You already answered this prompt.")) from None
    audit_record_project(actor=actor, action="contribution.submit", target=contribution, project=task.project)
    return contribution


def _media_discard(media: MediaFile) -> None:
    media_storage().delete(media.storage_key)
    media.delete()


def _photo_without_location(upload: BinaryIO) -> BinaryIO:
    """The photo re-encoded without GPS tags (and without XMP, where location can hide too)."""
    from PIL import Image, ImageOps  # loaded on use: only a contributed photo needs Pillow

    raw = upload.read()
    try:
        with Image.open(io.BytesIO(raw)) as image:
            exif = image.getexif()
            if GPS_TAG not in exif and "xmp" not in image.info:
                return io.BytesIO(raw)
            exif.pop(GPS_TAG, None)
            picture = ImageOps.exif_transpose(image) if exif.get(0x0112, 1) != 1 else image.copy()
            exif.pop(0x0112, None)
            out = io.BytesIO()
            fmt = image.format or "JPEG"
            options = {"quality": 95} if fmt == "JPEG" else {}
            picture.save(out, format=fmt, exif=exif.tobytes(), **options)
    except (OSError, ValueError, SyntaxError):
        return io.BytesIO(raw)  # not a readable image: the probe says so
    out.seek(0)
    return out


def contribution_list_for_review(*, actor: User, task: CollectionTask) -> QuerySet[Contribution]:
    if not can_review(actor, task.project):
        raise NotFound(_("No such collection."))
    return (
        Contribution.objects.filter(task=task, status=Contribution.Status.SUBMITTED)
        .select_related("prompt", "media", "worker")
        .order_by("id")
    )


def contribution_get_for_review(*, actor: User, contribution_id: int) -> Contribution:
    contribution = (
        Contribution.objects.filter(id=contribution_id).select_related("task__project", "media", "prompt").first()
    )
    if contribution is None or not can_review(actor, contribution.task.project):
        raise NotFound(_("No such contribution."))
    return contribution


@transaction.atomic
def contribution_review(*, actor: User, contribution: Contribution, accept: bool, reason: str = "") -> Contribution:
    """Accept (the file becomes an item of the target project) or reject with a reason (the prompt reopens)."""
    contribution = Contribution.objects.select_for_update().select_related("task__project").get(id=contribution.id)
    task = contribution.task
    if not can_review(actor, task.project) or contribution.worker_id == actor.id:
        raise NotFound(_("No such contribution."))
    if contribution.status != Contribution.Status.SUBMITTED:
        raise Conflict(_("This contribution was reviewed already."))
    if not accept and not reason.strip():
        raise Invalid(_("Say why it is rejected, so the worker can do better."))
    contribution.status = Contribution.Status.ACCEPTED if accept else Contribution.Status.REJECTED
    contribution.reason = reason.strip()[:500]
    contribution.reviewed_by, contribution.reviewed_at = actor, timezone.now()
    if accept and task.target_project_id:
        contribution.target_item = _item_in_target(contribution)
    contribution.save(update_fields=["status", "reason", "reviewed_by", "reviewed_at", "target_item"])
    audit_record_project(
        actor=actor,
        action=f"contribution.{contribution.status}",
        target=contribution,
        project=task.project,
        detail={"reason": contribution.reason} if contribution.reason else None,
    )
    return contribution


def _item_in_target(contribution: Contribution) -> Item:
    """The same stored bytes, recorded again as a file of the target project, and an item pointing at it."""
    target = contribution.task.target_project
    source = contribution.media
    copy = MediaFile.objects.create(
        organization_id=target.organization_id,
        project=target,
        storage_key=source.storage_key,
        original_name=source.original_name,
        content_type=source.content_type,
        kind=source.kind,
        size_bytes=source.size_bytes,
        sha256=source.sha256,
        width=source.width,
        height=source.height,
        duration=source.duration,
        sample_rate=source.sample_rate,
        peaks=source.peaks,
        status=source.status,
        created_by=contribution.worker,
    )
    data = {source.kind: copy.reference, "file_name": source.original_name, "prompt": contribution.prompt.data["text"]}
    return Item.objects.create(
        project=target,
        external_id=f"contribution-{contribution.id}",
        data=data,
        target_overlap=target.default_overlap,
        open_slots=target.default_overlap,
        is_published=True,
    )


def contribution_list_mine(*, actor: User, task: CollectionTask) -> QuerySet[Contribution]:
    return Contribution.objects.filter(task=task, worker=actor).select_related("prompt").order_by("-id")


@transaction.atomic
def contribution_erase_for_person(*, user: User) -> int:
    """Delete every recording and photo a person gave, with the items made from them; returns how many.

    For the erasure of a person's data: a voice or a face is personal data, so nothing of it stays, not even
    in the labeling project an accepted file went to. Registered with accounts' erasers in MediaConfig.ready.
    """
    contributions = list(Contribution.objects.filter(worker=user).select_related("media"))
    keys = {contribution.media.storage_key for contribution in contributions}
    target_items = [contribution.target_item_id for contribution in contributions if contribution.target_item_id]
    Contribution.objects.filter(id__in=[contribution.id for contribution in contributions]).delete()
    Item.objects.filter(id__in=target_items).delete()
    MediaFile.objects.filter(storage_key__in=keys).delete()
    storage = media_storage()
    transaction.on_commit(lambda: [storage.delete(key) for key in keys])
    return len(contributions)
