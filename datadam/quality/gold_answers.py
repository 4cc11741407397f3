"""A gold item answered by its manager in the task form itself, as a labeler would answer it.

The item is new (its text typed by the manager) or one of the project's own items (an image or a recording
already imported). Either way the answer is checked against the schema and the item before it is kept.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from datadam.accounts.models import User
from datadam.audit.services import audit_record_project
from datadam.core.errors import Conflict, NotFound
from datadam.projects.models import Item, Project
from datadam.projects.schema.validate import annotation_validate, schema_parse
from datadam.quality import permissions, services
from datadam.quality.models import GoldItem


def gold_item_answered(
    *, actor: User, project: Project, answer: dict, text: str = "", explanation: str = ""
) -> GoldItem:
    """A new gold item holding `text`, with the answer the manager gave in the task form."""
    return services.gold_item_create(
        actor=actor, project=project, data={"text": text}, answer=answer, explanation=explanation
    )


@transaction.atomic
def gold_item_answer_existing(
    *, actor: User, project: Project, item_id: int, answer: dict, explanation: str = ""
) -> GoldItem:
    """One of the project's items becomes gold with the manager's answer; it leaves the ordinary queue."""
    if not permissions.can_manage_quality(actor, project):
        raise NotFound(_("No such project."))
    item = Item.objects.select_for_update().filter(id=item_id, project=project, is_published=True).first()
    if item is None:
        raise NotFound(_("No such item."))
    if GoldItem.objects.filter(item=item).exists():
        raise Conflict(_("This item is already gold."))
    annotation_validate(schema_parse(project.schema), answer, item.data, project_id=project.id)
    Item.objects.filter(id=item.id).update(open_slots=0)
    gold = GoldItem.objects.create(
        item=item, project=project, answer=answer, source=GoldItem.Source.IMPORTED, explanation=explanation
    )
    audit_record_project(actor=actor, action="gold.create", target=gold, project=project)
    return gold
