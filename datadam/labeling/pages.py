"""Task pages: several short items leased, shown and submitted together (like a task suite).

A project with `items_per_page` above one serves its items in pages: one request leases the page and one
submits it, but each item keeps its own assignment, annotation, overlap slot, pay row, audit row and review,
so everything after the submit (review, quality, pay, releases) sees single tasks as before. The rules are
the single task's: rework comes first and alone, a worker gets back the page they hold, gold items take no
overlap slot, a paused worker is refused, and a retried submit answers with the annotations stored the
first time.
"""

import secrets
from dataclasses import dataclass, field
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from datadam.accounts.models import User
from datadam.audit.services import audit_record_each
from datadam.core.errors import Gone, Invalid, LeaseExpired, NotFound, PermissionDenied, SchemaViolation
from datadam.labeling import lease_hooks, loop_statements, services
from datadam.labeling.models import Annotation, Assignment
from datadam.pay import services as pay
from datadam.projects.models import Item, Project
from datadam.projects.schema.prelabel import prelabel_compare
from datadam.projects.schema.validate import annotation_validate


def page_lease(*, actor: User, project: Project) -> list[Assignment]:
    """The worker's page: rework alone if a reviewer sent some back, else the tasks they hold, else up to
    `items_per_page` new leases. An empty list when nothing is left for this worker."""
    gated = lease_hooks.lease_hooks_gate(project=project, worker=actor)  # a paused worker is refused here
    with transaction.atomic():
        if not loop_statements.labeler_membership_lock(project.id, actor.id):
            raise PermissionDenied(_("Join this project as a labeler to get tasks."))
        now = timezone.now()
        state = loop_statements.lease_state(project.id, actor.id, now)
        if state.worker_has_pending and (held := services.worker_pending(project, actor, now)):
            return held
        if state.project_has_run_out_leases:
            services.assignments_expire(project=project, now=now)
        gold = _gold_items(project, actor, gated)
        items = services.open_items_pick(project, actor, project.items_per_page - len(gold))
        if items:
            loop_statements.open_slots_take([item.id for item in items])
        for item in gold:  # anywhere on the page, so that its place gives it away no more than its looks
            items.insert(secrets.randbelow(len(items) + 1), item)
        return _leases_create(project, items, actor, now) if items else []


def _gold_items(project: Project, worker: User, gated: list) -> list[Item]:
    """Each place on the page may be a gold item, with the chance a single lease has."""
    picked: dict[int, Item] = {}
    for _place in range(project.items_per_page):
        if (item := lease_hooks.lease_hooks_pick(project=project, worker=worker, gated=gated)) is not None:
            picked[item.id] = item
    return list(picked.values())


def _leases_create(project: Project, items: list[Item], actor: User, now) -> list[Assignment]:
    expires_at = now + timedelta(seconds=project.lease_seconds)
    assignments = Assignment.objects.bulk_create(
        Assignment(
            project=project,
            item=item,
            worker=actor,
            status=Assignment.Status.ACTIVE,
            leased_at=now,
            expires_at=expires_at,
        )
        for item in items
    )
    audit_record_each(actor=actor, action="assignment.lease", targets=assignments, project=project)
    return assignments


@dataclass
class PageOutcome:
    """What became of each answer on a submitted page."""

    stored: list[Annotation] = field(default_factory=list)  # stored now
    already: list[Annotation] = field(default_factory=list)  # stored by an earlier try of the same submit
    ran_out: list[int] = field(default_factory=list)  # assignments whose lease ran out: answer kept as draft
    held_back: list[int] = field(default_factory=list)  # items held back for a report meanwhile: not stored

    @property
    def created(self) -> bool:
        return bool(self.stored)


def page_submit(*, actor: User, project: Project, answers: dict[int, object], active_seconds: int = 0) -> PageOutcome:
    """Store every answer of the page, or none: an answer outside the schema refuses the whole page (422,
    naming the item), so the worker corrects it and sends the page again. The page's active time is shared
    evenly between its items."""
    if not answers:
        raise Invalid(_("The page has no answers."))
    now = timezone.now()
    share = int(active_seconds or 0) // len(answers)
    outcome = PageOutcome()
    with transaction.atomic():
        rows = loop_statements.submit_rows_lock(list(answers), actor.id, now)
        if len(rows) != len(answers) or any(row.project_id != project.id for row in rows.values()):
            raise NotFound(_("No such task."))
        answerable = {assignment_id: row for assignment_id, row in rows.items() if row.answerable}
        _validate(answerable, answers)
        for assignment_id in rows.keys() - answerable.keys():
            _settle_unanswerable(actor, assignment_id, answers[assignment_id], share, outcome)
        if answerable:
            outcome.stored = _answers_store(actor, project, answerable, answers, now, share)
    return outcome


def _validate(rows: dict[int, loop_statements.SubmitRow], answers: dict[int, object]) -> None:
    """Every answer against the schema; a problem names the item by its place on the page."""
    places = {assignment_id: place for place, assignment_id in enumerate(answers, start=1)}
    schema = None
    for assignment_id, row in rows.items():
        schema = schema or row.schema
        try:
            annotation_validate(schema, answers[assignment_id], row.item_data, project_id=row.project_id)
        except SchemaViolation as exc:
            raise SchemaViolation(
                _("Item %(number)s on the page: %(problem)s")
                % {"number": places[assignment_id], "problem": exc.message}
            ) from None


def _settle_unanswerable(actor: User, assignment_id: int, answer: object, share: int, outcome: PageOutcome) -> None:
    """A finished, run-out or held-back task on the page: the single task's rules decide, item by item."""
    try:
        annotation, _created = services.annotation_submit(
            actor=actor, assignment_id=assignment_id, result=answer, active_seconds=share
        )
    except LeaseExpired:
        outcome.ran_out.append(assignment_id)
    except Gone:
        outcome.held_back.append(assignment_id)
    else:
        outcome.already.append(annotation)


def _answers_store(
    actor: User, project: Project, rows: dict[int, loop_statements.SubmitRow], answers: dict, now, share: int
) -> list[Annotation]:
    """One INSERT for the annotations, one UPDATE for their assignments, one INSERT for their audit rows."""
    annotations = Annotation.objects.bulk_create(
        Annotation(
            assignment_id=assignment_id,
            project=project,
            item_id=row.item_id,
            author=actor,
            version=services.last_version(assignment_id) + 1 if row.was_submitted else 1,
            result=answers[assignment_id],
            status=Annotation.Status.SUBMITTED,
            stage=1,
            created_at=now,
            active_seconds=services.active_seconds_capped(share, row.leased_at, now),
            prelabel=prelabel_compare(row.prediction, answers[assignment_id]),
        )
        for assignment_id, row in rows.items()
    )
    Assignment.objects.filter(id__in=list(rows)).update(
        status=Assignment.Status.SUBMITTED, finished_at=now, draft=None, was_submitted=True
    )
    details = [{"version": annotation.version} for annotation in annotations]
    audit_record_each(actor=actor, action="annotation.submit", targets=annotations, project=project, details=details)
    if project.pay_on == Project.PayOn.SUBMIT:
        for annotation in annotations:
            pay.ledger_earn_for_annotation(annotation=annotation)
    return annotations
