"""Leasing, drafts and submits: the annotator loop.

Concurrency: every write runs in one transaction. On PostgreSQL the next open item is taken with
SELECT … FOR UPDATE SKIP LOCKED, so concurrent workers never wait on, or double-book, the same slot.
On SQLite each transaction starts with BEGIN IMMEDIATE (settings), which serializes writers, so the
same queries are race-free there too.
"""

import json
from collections import Counter
from datetime import timedelta

from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from datadam.accounts.models import User
from datadam.audit.services import audit_record_project, audit_values
from datadam.core.errors import Conflict, Invalid, LeaseExpired, NotFound, PermissionDenied
from datadam.core.rows import row_insert, writes_in_with
from datadam.core.text import unstorable_reason
from datadam.labeling import lease_hooks, loop_statements
from datadam.labeling.models import Annotation, Assignment
from datadam.pay import services as pay
from datadam.projects import selectors as project_selectors
from datadam.projects.models import Item, Project
from datadam.projects.schema.prelabel import prelabel_compare
from datadam.projects.schema.validate import annotation_validate
from datadam.projects.withheld import item_check_shown, withheld

MAX_DRAFT_BYTES = 1024 * 1024
EXPIRE_BATCH = 200


def assignment_lease_next(*, actor: User, project: Project) -> Assignment | None:
    """What the worker should do next: rework a reviewer sent back, else the task they hold, else a new
    lease on the first open item they never had. Returns None when nothing is left for this worker.
    """
    hooks_quiet = lease_hooks.lease_hooks_quiet_sql()
    if writes_in_with() and hooks_quiet is not None:
        _project, decided, assignment = _lease_in_one_round_trip(project.id, actor, hooks_quiet)
        if decided:
            return assignment
    return _lease_gated(project, actor)


def assignment_lease_next_in(*, actor: User, project_id: int) -> Assignment | None:
    """assignment_lease_next for a project known by its id (the API's next task): on PostgreSQL the project
    is read in the lease's own round trip. An outsider gets NotFound, staff who do not label PermissionDenied."""
    hooks_quiet = lease_hooks.lease_hooks_quiet_sql()
    if writes_in_with() and hooks_quiet is not None:
        project, decided, assignment = _lease_in_one_round_trip(project_id, actor, hooks_quiet)
        if decided:
            return assignment
        if project is not None:
            return _lease_gated(project, actor)
    project = project_selectors.project_for_labeler_get(actor=actor, project_id=project_id)
    return assignment_lease_next(actor=actor, project=project)


def _lease_gated(project: Project, actor: User) -> Assignment | None:
    # Before the lease's transaction, so that a pause decided now is kept: a paused worker is refused here
    # with the reason (PermissionDenied), before any pending work.
    gated = lease_hooks.lease_hooks_gate(project=project, worker=actor)  # quality's, registered at start-up
    return _lease_in_transaction(project, actor, gated)


def _lease_in_one_round_trip(
    project_id: int, actor: User, hooks_quiet: tuple[str, ...]
) -> tuple[Project | None, bool, Assignment | None]:
    """The common lease on PostgreSQL: read the project, lock, ask and take in one round trip. Returns
    (project, decided, assignment); the project is None when the actor does not label in it, and nothing is
    decided when a lease hook has something to say (a quality policy), the worker has work pending or some
    lease has run out: the transaction handles those."""
    now = timezone.now()
    project, taken = loop_statements.lease_take_locked(project_id, actor.id, now, hooks_quiet=hooks_quiet)
    if project is None:
        return None, False, None
    if not taken.labeler:
        raise PermissionDenied(_("Join this project as a labeler to get tasks."))
    if taken.assignment_id is not None:
        return project, True, _leased(project, taken.item, actor, now, taken.assignment_id)
    state = taken.state
    return project, taken.hooks_quiet and not (state.worker_has_pending or state.project_has_run_out_leases), None


def _lease_in_transaction(project: Project, actor: User, gated: list) -> Assignment | None:
    with transaction.atomic():
        # Locking the membership row serializes one worker's own concurrent calls (two tabs), so a
        # worker never ends up holding two leases in the same project.
        if not loop_statements.labeler_membership_lock(project.id, actor.id):
            raise PermissionDenied(_("Join this project as a labeler to get tasks."))
        now = timezone.now()
        # Gold items (honeypots) are served from their own path and never take an overlap slot.
        gold = lease_hooks.lease_hooks_pick(project=project, worker=actor, gated=gated)
        if gold is None and writes_in_with():
            taken = loop_statements.lease_take(project, actor.id, now)
            if taken.assignment_id is not None:
                return _leased(project, taken.item, actor, now, taken.assignment_id)
            state = taken.state
        else:
            state = loop_statements.lease_state(project.id, actor.id, now)
        if state.worker_has_pending:
            pending = worker_pending(project, actor, now)
            if pending:
                return pending[0]
        if state.project_has_run_out_leases:
            assignments_expire(project=project, now=now)
        item = gold
        if item is None:
            item = next(iter(open_items_pick(project, actor, 1)), None)
            if item is None:
                return None
            loop_statements.open_slots_take([item.id])
        return _lease_create(project, item, actor, now)


def _lease_end(project: Project, now):
    return now + timedelta(seconds=project.lease_seconds)


def _lease_values(project: Project, item: Item, actor: User, now) -> dict:
    return {
        "project_id": project.id,
        "item_id": item.id,
        "worker_id": actor.id,
        "status": Assignment.Status.ACTIVE,
        "leased_at": now,
        "expires_at": _lease_end(project, now),
        "was_submitted": False,
    }


def _leased(project: Project, item: Item, actor: User, now, assignment_id: int) -> Assignment:
    """The assignment just written, with the objects the caller already holds."""
    assignment = Assignment(id=assignment_id, **_lease_values(project, item, actor, now))
    assignment.project, assignment.item, assignment.worker = project, item, actor
    return assignment


def _lease_create(project: Project, item: Item, actor: User, now) -> Assignment:
    assignment = _leased(project, item, actor, now, row_insert(Assignment, _lease_values(project, item, actor, now)))
    audit_record_project(actor=actor, action="assignment.lease", target=assignment, project=project)
    return assignment


def worker_pending(project: Project, worker: User, now) -> list[Assignment]:
    """Rework in progress, else the oldest rework a reviewer sent back (reopened with the last answer as
    its draft), else the fresh tasks the worker holds (oldest first), leaving out items held back for a
    report. Rework comes alone. One query: a worker holds few of these."""
    pending = list(
        Assignment.objects.filter(
            Q(status=Assignment.Status.ACTIVE, expires_at__gt=now) | Q(status=Assignment.Status.REWORK),
            worker=worker,
            project=project,
        )
        .exclude(withheld("item"))  # rework on an item held back for a report waits until it is released
        .select_related("item")
    )
    active = sorted((a for a in pending if a.status == Assignment.Status.ACTIVE), key=lambda a: (a.leased_at, a.id))
    in_rework = [a for a in active if a.was_submitted]
    if in_rework:
        return in_rework[:1]
    sent_back = sorted(
        (a for a in pending if a.status == Assignment.Status.REWORK), key=lambda a: (a.finished_at, a.id)
    )
    if sent_back:
        return [_reopen_rework(sent_back[0], now)]
    return active


def _reopen_rework(assignment: Assignment, now) -> Assignment:
    if assignment.draft is None:
        latest = assignment.annotations.order_by("-version").first()
        assignment.draft = latest.result if latest else None
    assignment.status = Assignment.Status.ACTIVE
    assignment.leased_at, assignment.expires_at = now, now + timedelta(seconds=assignment.project.lease_seconds)
    assignment.save(update_fields=["status", "leased_at", "expires_at", "draft"])
    audit_record_project(
        actor=assignment.worker, action="assignment.rework_start", target=assignment, project=assignment.project
    )
    return assignment


# Written as SQL because this runs on every lease and the ORM spends longer building the query (with its
# NOT EXISTS and row lock) than the database spends running it. It walks the partial queue index
# (open_slots > 0) in priority order and skips items this worker ever had.
NEXT_OPEN_ITEM_SQL = """
    SELECT i.* FROM projects_item i
    WHERE i.project_id = %s AND i.open_slots > 0
      AND NOT EXISTS (SELECT 1 FROM labeling_assignment a WHERE a.item_id = i.id AND a.worker_id = %s)
    ORDER BY i.priority, i.id
    LIMIT %s
"""


def open_items_pick(project: Project, worker: User, count: int) -> list[Item]:
    """The next `count` open items for this worker, in queue order; their slots are not yet taken."""
    sql = NEXT_OPEN_ITEM_SQL
    if connection.features.has_select_for_update_skip_locked:
        sql += " FOR UPDATE OF i SKIP LOCKED"  # PostgreSQL; SQLite's BEGIN IMMEDIATE already serializes writers
    return list(Item.objects.raw(sql, [project.id, worker.id, count]))


def assignments_expire(*, project: Project, now=None) -> int:
    """Mark run-out leases expired and give their slots back. Returns how many ran out.

    A run-out rework lease goes back to REWORK instead: its slot stays with its labeler.
    """
    now = now or timezone.now()
    with transaction.atomic():
        ran_out = list(
            Assignment.objects.filter(project=project, status=Assignment.Status.ACTIVE, expires_at__lte=now)
            .select_for_update(skip_locked=True)
            .values_list("id", "item_id", "was_submitted")[:EXPIRE_BATCH]
        )
        if not ran_out:
            return 0
        fresh = [(assignment_id, item_id) for assignment_id, item_id, was_submitted in ran_out if not was_submitted]
        rework = [assignment_id for assignment_id, _item, was_submitted in ran_out if was_submitted]
        Assignment.objects.filter(id__in=[row[0] for row in fresh]).update(
            status=Assignment.Status.EXPIRED, finished_at=now
        )
        Assignment.objects.filter(id__in=rework).update(status=Assignment.Status.REWORK)
        _give_slots_back(Counter(item_id for _id, item_id in fresh))
        audit_record_project(
            actor=None,
            action="assignment.expire",
            target=None,
            project=project,
            detail={"assignments": [row[0] for row in ran_out]},
        )
        return len(ran_out)


def _give_slots_back(slots_per_item: Counter) -> None:
    for item_id, count in slots_per_item.items():
        Item.objects.filter(id=item_id).update(open_slots=F("open_slots") + count)


def _lock_own_assignment(actor: User, assignment_id: int) -> Assignment:
    # of=("self",): lock only the assignment row. Locking the joined project row too would make every
    # submit in a project wait on every other, and deadlock with leases that reference that row.
    assignment = (
        Assignment.objects.select_for_update(of=("self",))
        .select_related("project")
        .filter(id=assignment_id, worker_id=actor.id)
        .first()
    )
    if assignment is None:
        raise NotFound(_("No such task."))
    return assignment


def _lease_ran_out(assignment: Assignment, now) -> bool:
    return assignment.status == Assignment.Status.EXPIRED or (
        assignment.status == Assignment.Status.ACTIVE and assignment.expires_at <= now
    )


def _expire_one(assignment: Assignment, now) -> None:
    if assignment.status != Assignment.Status.ACTIVE:
        return
    if assignment.was_submitted:
        assignment.status = Assignment.Status.REWORK
        return
    assignment.status = Assignment.Status.EXPIRED
    assignment.finished_at = now
    _give_slots_back(Counter({assignment.item_id: 1}))


def _check_draft(result: object) -> dict:
    if not isinstance(result, dict):
        raise Invalid(_("A draft must be an object with one key per control."))
    if reason := unstorable_reason(result):
        raise Invalid(reason)
    if len(json.dumps(result, ensure_ascii=False).encode()) > MAX_DRAFT_BYTES:
        raise Invalid(_("The draft is too large."))
    return result


def assignment_draft_save(*, actor: User, assignment_id: int, result: object) -> Assignment:
    """Autosave. A draft is kept even when the lease has run out; the worker is then told so (409)."""
    draft = _check_draft(result)
    now = timezone.now()
    with transaction.atomic():
        assignment = _lock_own_assignment(actor, assignment_id)
        if assignment.status in {Assignment.Status.SUBMITTED, Assignment.Status.SKIPPED}:
            raise Conflict(_("This task is already finished; the draft was not changed."))
        ran_out = _lease_ran_out(assignment, now)
        if ran_out:
            _expire_one(assignment, now)
        assignment.draft, assignment.draft_saved_at = draft, now
        assignment.save(update_fields=["draft", "draft_saved_at", "status", "finished_at"])
    if ran_out:
        raise LeaseExpired(_("Your time for this task ran out. Your draft is saved; take the next task."))
    return assignment


def annotation_submit(
    *, actor: User, assignment_id: int, result: object, active_seconds: int = 0
) -> tuple[Annotation, bool]:
    """Store the worker's answer once. Returns (annotation, created).

    Idempotent: a retried submit of the same lease returns the annotation stored the first time.
    On a run-out lease the answer is kept as the draft and LeaseExpired is raised.
    """
    now = timezone.now()
    if writes_in_with() and (stored := _first_answer_at_once(actor, assignment_id, result, now, active_seconds)):
        return stored, True
    with transaction.atomic():
        row = loop_statements.submit_row_lock(assignment_id, actor.id, now)
        if row is None:
            raise NotFound(_("No such task."))
        if row.answerable:
            return _answer_store(actor, assignment_id, row, result, now, active_seconds), True
        assignment = _lock_own_assignment(actor, assignment_id)
        if assignment.status == Assignment.Status.SUBMITTED:
            return assignment.annotations.filter(author=actor).latest("version"), False
        if assignment.status == Assignment.Status.SKIPPED:
            raise Conflict(_("You skipped this task, so it cannot be submitted."))
        item_check_shown(assignment.item)
        _expire_one(assignment, now)  # what is left: the lease ran out
        assignment.draft, assignment.draft_saved_at = _check_draft(result), now
        assignment.save(update_fields=["draft", "draft_saved_at", "status", "finished_at"])
    raise LeaseExpired(_("Your time for this task ran out. Your answer is kept as a draft."))


def active_seconds_capped(reported: int, since, now) -> int:
    """The active time the page reported, never more than the time since the lease began."""
    return max(0, min(int(reported or 0), int((now - since).total_seconds())))


def _first_answer_at_once(
    actor: User, assignment_id: int, result: object, now, active_seconds: int
) -> Annotation | None:
    """The common submit on PostgreSQL, in two round trips and no transaction: read, check the answer, then
    write it only if the lease is still open and unanswered. None sends the submit down the careful path
    (not the worker's, a retry, rework, a run-out lease, an item held back, pay on submit)."""
    row = loop_statements.submit_row_read(assignment_id, actor.id, now)
    if row is None or not row.answerable or row.was_submitted or row.pay_on == Project.PayOn.SUBMIT:
        return None
    annotation_validate(row.schema, result, row.item_data, project_id=row.project_id)
    values, done, audit = _answer_rows(actor, assignment_id, row, result, now, active_seconds, version=1)
    annotation_id = loop_statements.answer_write_if_open(values, assignment_id, done, audit, now)
    return None if annotation_id is None else Annotation(id=annotation_id, **values)


def _answer_store(
    actor: User, assignment_id: int, row: loop_statements.SubmitRow, result: object, now, active_seconds: int
) -> Annotation:
    """A first answer is version 1; a reworked answer is the next version, and the old ones stay.

    Where the project pays on submit, the earning is written here, in the same transaction.
    """
    annotation_validate(row.schema, result, row.item_data, project_id=row.project_id)
    version = last_version(assignment_id) + 1 if row.was_submitted else 1
    values, done, audit = _answer_rows(actor, assignment_id, row, result, now, active_seconds, version=version)
    annotation_id = loop_statements.answer_write(values, assignment_id, done, audit, together=writes_in_with())
    annotation = Annotation(id=annotation_id, **values)
    if row.pay_on == Project.PayOn.SUBMIT:
        pay.ledger_earn_for_annotation(annotation=annotation)
    return annotation


def _answer_rows(
    actor: User,
    assignment_id: int,
    row: loop_statements.SubmitRow,
    result: object,
    now,
    active_seconds: int,
    *,
    version: int,
) -> tuple[dict, dict, dict]:
    """What an answer writes: the annotation, the assignment's close and the audit row."""
    values = {
        "assignment_id": assignment_id,
        "project_id": row.project_id,
        "item_id": row.item_id,
        "author_id": actor.id,
        "version": version,
        "result": result,
        "status": Annotation.Status.SUBMITTED,
        "stage": 1,
        "created_at": now,
        "active_seconds": active_seconds_capped(active_seconds, row.leased_at, now),
        "prelabel": prelabel_compare(row.prediction, result),
    }
    done = {"status": Assignment.Status.SUBMITTED, "finished_at": now, "draft": None, "was_submitted": True}
    audit = audit_values(
        actor=actor,
        action="annotation.submit",
        object_type=Annotation._meta.model_name,
        organization_id=row.organization_id,
        project_id=row.project_id,
        detail={"version": version},
    )
    return values, done, audit


def last_version(assignment_id: int) -> int:
    versions = Annotation.objects.filter(assignment_id=assignment_id).values_list("version", flat=True)
    return versions.order_by("-version").first() or 0


def assignment_skip(*, actor: User, assignment_id: int) -> Assignment:
    """Give the item back to the queue; it will never be offered to this worker again."""
    now = timezone.now()
    with transaction.atomic():
        assignment = _lock_own_assignment(actor, assignment_id)
        if assignment.status != Assignment.Status.ACTIVE or assignment.was_submitted:
            raise Conflict(_("Only a new task in progress can be skipped."))
        assignment.status = Assignment.Status.SKIPPED
        assignment.finished_at = now
        assignment.save(update_fields=["status", "finished_at"])
        _give_slots_back(Counter({assignment.item_id: 1}))
        audit_record_project(actor=actor, action="assignment.skip", target=assignment, project=assignment.project)
    return assignment
