"""Reports of problem items: a worker reports an item beside Skip, a manager decides.

A report ends the reporter's new lease as a skip does (the item never comes back to them). A report of personal
data also withholds the item from everyone at once: its free slots drop to 0, other workers' new leases on it
end, and the slots are kept on the report until a manager releases the item (slots given back) or removes it
(it is unpublished and never served again). While withheld (`Item.withheld_since`), reviewers, exports,
releases and media links leave the item out too; only the project's managers see it, to decide. Work already
submitted on the item is kept and comes back on release.
"""

from django.db import transaction
from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from datadam.accounts.models import User
from datadam.audit.services import audit_record_project
from datadam.core.errors import Conflict, Invalid, NotFound
from datadam.labeling import selectors, services
from datadam.labeling.models import Assignment, ItemReport
from datadam.projects import selectors as project_selectors
from datadam.projects.models import Item

MAX_NOTE = 500


def item_report(*, actor: User, assignment_id: int, reason: str, note: str = "") -> ItemReport:
    """Report the item of the actor's task. One report per item and person; the lease ends cleanly."""
    assignment = selectors.assignment_get(actor=actor, assignment_id=assignment_id)  # another's task: NotFound
    if reason not in ItemReport.Reason.values:
        raise Invalid(_("Pick one of the reasons listed."))
    with transaction.atomic():
        if ItemReport.objects.filter(item_id=assignment.item_id, reporter=actor).exists():
            raise Conflict(_("You have already reported this item."))
        if assignment.status == Assignment.Status.ACTIVE and not assignment.was_submitted:
            services.assignment_skip(actor=actor, assignment_id=assignment.id)
        report = ItemReport.objects.create(
            project_id=assignment.project_id,
            item_id=assignment.item_id,
            reporter=actor,
            reason=reason,
            note=note.strip()[:MAX_NOTE],
        )
        if reason == ItemReport.Reason.PERSONAL_DATA:
            _withhold(report)
        audit_record_project(
            actor=actor, action="item.report", target=report, project=assignment.project, detail={"reason": reason}
        )
    return report


def _withhold(report: ItemReport) -> None:
    item = Item.objects.select_for_update().get(id=report.item_id)
    if ItemReport.objects.filter(item=item, withheld_slots__isnull=False, status=ItemReport.Status.OPEN).exists():
        return  # already withheld by an earlier report
    ended = Assignment.objects.filter(item=item, status=Assignment.Status.ACTIVE, was_submitted=False).update(
        status=Assignment.Status.EXPIRED, finished_at=timezone.now()
    )
    report.withheld_slots = item.open_slots + ended
    report.save(update_fields=["withheld_slots"])
    Item.objects.filter(id=item.id).update(open_slots=0, withheld_since=timezone.now())


def item_report_queue(*, actor: User, project_id: int) -> tuple:
    """The project's open reports, oldest first, for its managers (NotFound for anyone else)."""
    project = project_selectors.project_managed_get(actor=actor, project_id=project_id)
    reports: QuerySet[ItemReport] = (
        ItemReport.objects.filter(project=project, status=ItemReport.Status.OPEN)
        .select_related("item", "reporter")
        .order_by("created_at", "id")
    )
    return project, reports


def item_report_decide(*, actor: User, project_id: int, report_id: int, remove: bool) -> ItemReport:
    """Release the item back to work (its withheld slots given back) or remove it from the project. Every open
    report of the same item is decided with it."""
    project = project_selectors.project_managed_get(actor=actor, project_id=project_id)
    with transaction.atomic():
        report = ItemReport.objects.select_for_update().filter(id=report_id, project=project).first()
        if report is None:
            raise NotFound(_("No such report."))
        if report.status != ItemReport.Status.OPEN:
            raise Conflict(_("This report is already decided."))
        same_item = ItemReport.objects.select_for_update().filter(item_id=report.item_id, status=ItemReport.Status.OPEN)
        held = sum(row.withheld_slots or 0 for row in same_item)
        if remove:
            Item.objects.filter(id=report.item_id).update(open_slots=0, is_published=False)
        else:
            Item.objects.filter(id=report.item_id).update(open_slots=F("open_slots") + held, withheld_since=None)
        status = ItemReport.Status.REMOVED if remove else ItemReport.Status.RELEASED
        same_item.update(status=status, decided_by=actor, decided_at=timezone.now())
        report.refresh_from_db()
        action = "item.report_remove" if remove else "item.report_release"
        audit_record_project(actor=actor, action=action, target=report, project=project)
    return report
