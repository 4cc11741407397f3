"""Reads about media files, scoped to the person asking. Foreign ids raise NotFound."""

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from datadam.core.errors import NotFound
from datadam.media import links, permissions
from datadam.media.models import MediaFile
from datadam.media.viewers import media_viewer_allowed
from datadam.projects import access
from datadam.projects.models import ImportBatch, Item, Project
from datadam.projects.selectors import project_list
from datadam.projects.withheld import withheld

REFERENCE_PREFIX = "media:"


def media_reference_id(value: object) -> int | None:
    """The MediaFile id in a "media:<id>" item value, or None for anything else."""
    if not isinstance(value, str) or not value.startswith(REFERENCE_PREFIX):
        return None
    digits = value[len(REFERENCE_PREFIX) :]
    return int(digits) if digits.isascii() and digits.isdigit() and len(digits) < 19 else None


def media_file_withheld(media: MediaFile) -> bool:
    """Whether an item held back for a report of personal data shows this file (its project's withheld items
    are few, so their data is read here rather than searched in the database)."""
    rows = Item.objects.filter(withheld(), project_id=media.project_id).values_list("data", flat=True)
    return any(
        media_reference_id(value) == media.id
        for data in rows.iterator()
        if isinstance(data, dict)
        for value in data.values()
    )


def media_file_list(*, actor) -> QuerySet[MediaFile]:
    """Media of projects the actor's organizations own or the actor joined."""
    if not actor.is_authenticated:
        return MediaFile.objects.none()
    return access.scope_to_visible(MediaFile.objects.all(), actor)


def media_file_get(*, actor, media_id: int) -> MediaFile:
    media = media_file_list(actor=actor).filter(id=media_id).select_related("project").first()
    if media is None:
        # A file of a project the actor has not joined, which an app above media shows them (a course's items).
        media = MediaFile.objects.filter(id=media_id).select_related("project").first()
        if media is None or not media_viewer_allowed(actor, media.project):
            raise NotFound(_("No such file."))
    return media


def item_visible_get(*, actor, item_id: int) -> Item:
    """An item of a project the actor's organizations own or the actor joined; NotFound otherwise."""
    from_projects = project_list(actor=actor)
    item = Item.objects.filter(id=item_id, project__in=from_projects).select_related("project").first()
    if item is None:
        raise NotFound(_("No such item."))
    return item


def item_media(actor, item: Item) -> dict[str, dict]:
    """Viewable media of an item, per data field: expiring links for this actor and what the probe found.

    Only files of the item's own project count, so an item cannot point at another project's file.
    Returns {} when the actor may not see the project's media.
    """
    fields = {name: media_id for name, value in (item.data or {}).items() if (media_id := media_reference_id(value))}
    if not fields or not permissions.can_view_media(actor, item.project):
        return {}
    files = MediaFile.objects.filter(project_id=item.project_id, id__in=fields.values()).in_bulk()
    result = {}
    for name, media_id in fields.items():
        media = files.get(media_id)
        if media is not None:
            result[name] = media_describe(media, user_id=actor.id)
    return result


def media_describe(media: MediaFile, *, user_id: int) -> dict:
    has_peaks = media.kind == MediaFile.Kind.AUDIO and bool(media.peaks)
    return {
        "url": links.media_url(media_id=media.id, user_id=user_id),
        "kind": media.kind,
        "content_type": media.content_type,
        "width": media.width,
        "height": media.height,
        "duration": media.duration,
        "peaks_url": links.media_peaks_url(media_id=media.id, user_id=user_id) if has_peaks else None,
        "status": media.status,
        "reason": media.reason,
    }


def collection_project_choices(*, actor) -> QuerySet[Project]:
    """Projects a collection may be set up on: the actor's organizations' shown projects without one yet."""
    return access.projects_managed_by(actor).filter(collection_task__isnull=True, hidden=False)


def media_import_get(*, actor, batch_id: int) -> ImportBatch:
    batches = ImportBatch.objects.filter(id=batch_id, file_format__startswith="media-")
    batch = access.scope_to_staff(batches, actor, "project__organization").select_related("project").first()
    if batch is None:
        raise NotFound(_("No such import."))
    return batch


def media_import_list(*, actor, project) -> QuerySet[ImportBatch]:
    if not permissions.can_manage_media(actor, project):
        return ImportBatch.objects.none()
    return ImportBatch.objects.filter(project=project, file_format__startswith="media-").order_by("-created_at")


def media_unreadable_list(*, batch: ImportBatch) -> QuerySet[MediaFile]:
    return MediaFile.objects.filter(batch=batch, status=MediaFile.Status.UNREADABLE).order_by("id")
