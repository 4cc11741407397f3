"""Reads about projects and items, already scoped to the person asking. Foreign ids raise NotFound."""

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from datadam.core.errors import NotFound
from datadam.core.rows import hot_cursor, model_from_row
from datadam.projects import access
from datadam.projects.models import ImportBatch, Item, Project, ProjectMembership


def project_list(*, actor) -> QuerySet[Project]:
    """Projects of the actor's organizations, plus projects the actor joined."""
    if not actor.is_authenticated:
        return Project.objects.none()
    return access.projects_visible_to(actor).select_related("organization").order_by("-created_at")


def project_list_shown(*, actor) -> QuerySet[Project]:
    """The projects listed to the actor: their own, without hidden ones (a course's practice items)."""
    return project_list(actor=actor).filter(hidden=False)


def project_list_open_to_join(*, actor) -> QuerySet[Project]:
    """Open projects the actor has not joined yet: what a new account can see and join (never hidden ones)."""
    projects = Project.objects.filter(join_policy=Project.JoinPolicy.OPEN, hidden=False).select_related("organization")
    if actor.is_authenticated:
        projects = projects.exclude(access.member_filter(actor, field="pk"))
    return projects.order_by("-created_at")


def project_get(*, actor, project_id: int) -> Project:
    project = project_list(actor=actor).filter(id=project_id).first()
    if project is None:
        raise NotFound(_("No such project."))
    return project


# Written as SQL: it runs on every "next task", and the ORM spent longer building it than the database spent on it.
# The long texts and the schema are left out (Django loads them if asked for): a lease does not read them.
# What the loop reads, in the model's field order as Model.from_db expects them.
LABELER_PROJECT_READS = {
    "id", "organization_id", "name", "data_type", "default_overlap", "lease_seconds", "items_per_page",
    "join_policy", "rate_per_item", "rate_per_review", "pay_on", "correction_pay", "overturn_pay", "hidden",
}  # fmt: skip
LABELER_PROJECT_FIELDS = [
    field.attname for field in Project._meta.concrete_fields if field.attname in LABELER_PROJECT_READS
]
LABELER_PROJECT_SQL = f"""
    SELECT {", ".join("p." + name for name in LABELER_PROJECT_FIELDS)}
    FROM projects_project p
    WHERE p.id = %s
      AND EXISTS (SELECT 1 FROM projects_projectmembership m
                  WHERE m.project_id = p.id AND m.user_id = %s AND m.role = %s)
"""  # noqa: S608 (the field names are constants)


def project_for_labeler_get(*, actor, project_id: int) -> Project:
    """The project where the actor labels, found through their membership (the hot path of "next task").

    Anyone else gets the general look-up: NotFound for outsiders, the project for its staff.
    """
    with hot_cursor() as cursor:
        cursor.execute(*labeler_project_statement(project_id, actor.id))
        row = cursor.fetchone()
    if row is None:
        return project_get(actor=actor, project_id=project_id)
    return labeler_project_from_row(row)


def labeler_project_statement(project_id: int, worker_id: int) -> tuple[str, list]:
    """project_for_labeler_get's statement, for a caller that sends it together with others (the lease)."""
    return LABELER_PROJECT_SQL, [project_id, worker_id, ProjectMembership.Role.LABELER.value]


def labeler_project_from_row(row: tuple) -> Project:
    return model_from_row(Project, LABELER_PROJECT_FIELDS, row)


def project_get_joinable(*, actor, project_id: int) -> Project:
    """A project the actor may see or join; a closed project of another organization is NotFound."""
    project = (project_list(actor=actor) | project_list_open_to_join(actor=actor)).filter(id=project_id).first()
    if project is None:
        raise NotFound(_("No such project."))
    return project


def project_managed_get(*, actor, project_id: int) -> Project:
    """A project of an organization where the actor is staff; any other id is NotFound."""
    project = access.projects_managed_by(actor).filter(id=project_id).select_related("organization").first()
    if project is None:
        raise NotFound(_("No such project."))
    return project


def project_roles(*, actor, project: Project) -> set[str]:
    return access.project_roles(actor, project)


def project_progress(*, project: Project) -> dict:
    """Counts for the project page: items, items fully labeled, annotations."""
    totals = Item.objects.filter(project=project, is_published=True).aggregate(
        items=Count("id"), open=Count("id", filter=Q(open_slots__gt=0))
    )
    annotations = project.annotations.aggregate(
        annotations=Count("id"),
        waiting_review=Count("id", filter=Q(status="submitted")),
        accepted=Count("id", filter=Q(status="accepted")),
    )
    return {**totals, **annotations}


def project_member_list(*, actor, project_id: int) -> QuerySet[ProjectMembership]:
    project = project_managed_get(actor=actor, project_id=project_id)
    return ProjectMembership.objects.filter(project=project).select_related("user").order_by("joined_at")


def item_list(*, actor, project_id: int) -> QuerySet[Item]:
    project = project_managed_get(actor=actor, project_id=project_id)
    return Item.objects.filter(project=project, is_published=True).order_by("id")


def import_batch_list(*, actor, project_id: int) -> QuerySet[ImportBatch]:
    project = project_managed_get(actor=actor, project_id=project_id)
    return ImportBatch.objects.filter(project=project).order_by("-created_at")


def import_batch_get(*, actor, batch_id: int) -> ImportBatch:
    batches = access.scope_to_staff(ImportBatch.objects.filter(id=batch_id), actor, "project__organization")
    batch = batches.select_related("project").first()
    if batch is None:
        raise NotFound(_("No such import."))
    return batch
