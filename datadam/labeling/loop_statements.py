"""The annotator loop's statements, written as SQL.

Every lease and submit runs these, and building them with the ORM cost more CPU than the database spends
running them (bench/RESULTS.md, "Where the time goes"). Each answers one narrow question; the services
keep the decisions, and the rare paths (rework, expiry, a held-back item) stay on the ORM.
"""

from dataclasses import dataclass
from datetime import datetime
from functools import cache

from django.db import connection

from datadam.audit.models import AuditEvent
from datadam.core.rows import (
    hot_cursor,
    insert_from_statement,
    insert_statement,
    json_value,
    sql_time,
    statements_together,
    update_statement,
    when,
)
from datadam.labeling.models import Annotation, Assignment
from datadam.projects.models import Item, Project
from datadam.projects.schema.validate import LabelSchema, schema_parse_text
from datadam.projects.selectors import labeler_project_from_row, labeler_project_statement


def _one(sql: str, params: list | dict) -> tuple | None:
    with hot_cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()


def _for_update(of: str) -> str:
    """PostgreSQL locks the row; SQLite's BEGIN IMMEDIATE already serializes writers."""
    return f" FOR UPDATE OF {of}" if connection.features.has_select_for_update_of else ""


LABELER_MEMBERSHIP_SQL = """SELECT m.id FROM projects_projectmembership m
    WHERE m.project_id = %(project)s AND m.user_id = %(worker)s AND m.role = 'labeler'"""


def labeler_membership_lock(project_id: int, worker_id: int) -> bool:
    """Lock the worker's labeler membership (one worker's two tabs then lease one at a time); False if none."""
    params = {"project": project_id, "worker": worker_id}
    return _one(LABELER_MEMBERSHIP_SQL + _for_update("m"), params) is not None


@dataclass(frozen=True)
class LeaseState:
    worker_has_pending: bool  # a live lease or rework waiting: the services then read which
    project_has_run_out_leases: bool  # leases to expire first (usually none: leases last minutes)


def lease_state(project_id: int, worker_id: int, now: datetime) -> LeaseState:
    """Both questions in one statement. Asked after the membership lock: a statement of its own then sees
    what another tab of the same worker committed while this one waited."""
    sql = """SELECT
        EXISTS (SELECT 1 FROM labeling_assignment
                WHERE worker_id = %s AND project_id = %s
                  AND ((status = 'active' AND expires_at > %s) OR status = 'rework')),
        EXISTS (SELECT 1 FROM labeling_assignment WHERE project_id = %s AND status = 'active' AND expires_at <= %s)"""
    moment = sql_time(now)
    pending, run_out = _one(sql, [worker_id, project_id, moment, project_id, moment])
    return LeaseState(worker_has_pending=bool(pending), project_has_run_out_leases=bool(run_out))


# PostgreSQL only: the whole common lease in one statement. It asks what lease_state asks and, when the
# worker is the project's labeler, the lease hooks have nothing to say ({hooks_quiet}), the worker has nothing
# pending and no lease in the project has run out, takes the first open item (skipping rows other leases
# hold), its slot, the assignment (for the project's lease time) and the audit row. A statement of its own
# after the membership lock, so it sees what another tab of the same worker committed meanwhile.
LEASE_TAKE_SQL = """
WITH project AS (
    SELECT organization_id, lease_seconds FROM projects_project WHERE id = %(project)s
), state AS (
    SELECT EXISTS (SELECT 1 FROM projects_projectmembership
                   WHERE project_id = %(project)s AND user_id = %(worker)s AND role = 'labeler') AS labeler,
           ({hooks_quiet}) AS hooks_quiet,
           EXISTS (SELECT 1 FROM labeling_assignment
                   WHERE worker_id = %(worker)s AND project_id = %(project)s
                     AND ((status = 'active' AND expires_at > %(now)s) OR status = 'rework')) AS pending,
           EXISTS (SELECT 1 FROM labeling_assignment
                   WHERE project_id = %(project)s AND status = 'active' AND expires_at <= %(now)s) AS run_out
), pick AS (
    SELECT i.id, i.external_id, i.data FROM projects_item i
    WHERE i.project_id = %(project)s AND i.open_slots > 0
      AND NOT EXISTS (SELECT 1 FROM labeling_assignment a WHERE a.item_id = i.id AND a.worker_id = %(worker)s)
      AND (SELECT labeler AND hooks_quiet AND NOT (pending OR run_out) FROM state)
    ORDER BY i.priority, i.id
    LIMIT 1
    FOR UPDATE OF i SKIP LOCKED
), slot AS (
    UPDATE projects_item SET open_slots = open_slots - 1 WHERE id IN (SELECT id FROM pick) RETURNING id
), lease AS (
    INSERT INTO labeling_assignment (project_id, item_id, worker_id, status, leased_at, expires_at, was_submitted)
    SELECT %(project)s, slot.id, %(worker)s, 'active', %(now)s,
           %(now)s + make_interval(secs => project.lease_seconds), false
    FROM slot, project
    RETURNING id, item_id
), audit AS (
    INSERT INTO audit_auditevent
        (actor_id, action, object_type, object_id, organization_id, project_id, detail, created_at)
    SELECT %(worker)s, 'assignment.lease', 'assignment', lease.id, project.organization_id, %(project)s, '{}', %(now)s
    FROM lease, project
)
SELECT state.labeler, state.hooks_quiet, state.pending, state.run_out, lease.id, pick.id, pick.external_id, pick.data
FROM state LEFT JOIN lease ON true LEFT JOIN pick ON pick.id = lease.item_id
"""


@dataclass(frozen=True)
class LeaseTaken:
    labeler: bool  # the worker is the project's labeler (else nothing was taken)
    hooks_quiet: bool  # the lease hooks had nothing to say (else nothing was taken)
    state: LeaseState
    assignment_id: int | None  # None: nothing taken (something pending or run out, or the queue is empty)
    item: Item | None  # the leased item with its id, external id and data (other fields load when asked)


def lease_take(project: Project, worker_id: int, now: datetime) -> LeaseTaken:
    """The common lease in one statement, in the caller's transaction, after the lease hooks were asked
    (PostgreSQL: `writes_in_with()`)."""
    with hot_cursor() as cursor:
        cursor.execute(_lease_take_sql(()), _lease_params(project.id, worker_id, now))
        return _lease_taken(project.id, cursor.fetchone())


def lease_take_locked(
    project_id: int, worker_id: int, now: datetime, *, hooks_quiet: tuple[str, ...]
) -> tuple[Project | None, LeaseTaken]:
    """The worker's project (None unless they label in it), the membership lock and the common lease in
    one round trip, outside any transaction of Django's (PostgreSQL), taken only where every lease hook's
    `hooks_quiet` condition holds. The statements travel together, and PostgreSQL runs them as one implicit
    transaction, each with its own snapshot: the lease still sees what another tab of the same worker
    committed while this one waited for the lock, and no BEGIN or COMMIT costs a round trip."""
    params = _lease_params(project_id, worker_id, now)
    project_sql, project_params = labeler_project_statement(project_id, worker_id)
    with hot_cursor() as read, hot_cursor() as lock, hot_cursor() as lease:
        with statements_together():
            read.execute(project_sql, project_params)
            lock.execute(f"{LABELER_MEMBERSHIP_SQL} FOR UPDATE OF m", params)
            lease.execute(_lease_take_sql(hooks_quiet), params)
        project_row = read.fetchone()
        return labeler_project_from_row(project_row) if project_row else None, _lease_taken(
            project_id, lease.fetchone()
        )


@cache
def _lease_take_sql(hooks_quiet: tuple[str, ...]) -> str:
    return LEASE_TAKE_SQL.replace(
        "{hooks_quiet}", " AND ".join(f"({condition})" for condition in hooks_quiet) or "true"
    )


def _lease_params(project_id: int, worker_id: int, now: datetime) -> dict:
    return {"worker": worker_id, "project": project_id, "now": sql_time(now)}


def _lease_taken(project_id: int, row: tuple) -> LeaseTaken:
    labeler, hooks_quiet, pending, run_out, assignment_id, item_id, external_id, data = row
    state = LeaseState(worker_has_pending=bool(pending), project_has_run_out_leases=bool(run_out))
    asked = {"labeler": bool(labeler), "hooks_quiet": bool(hooks_quiet), "state": state}
    if assignment_id is None:
        return LeaseTaken(**asked, assignment_id=None, item=None)
    fields = ["id", "project_id", "external_id", "data"]
    item = Item.from_db(connection.alias, fields, [item_id, project_id, external_id, json_value(Item, "data", data)])
    return LeaseTaken(**asked, assignment_id=assignment_id, item=item)


def open_slots_take(item_ids: list[int]) -> None:
    """One overlap slot of each item goes to the lease being written."""
    placeholders = ", ".join(["%s"] * len(item_ids))
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE projects_item SET open_slots = open_slots - 1 WHERE id IN ({placeholders})", item_ids)


@dataclass(frozen=True)
class SubmitRow:
    """What a submit needs of its assignment, item and project, read (and on PostgreSQL locked) at once."""

    status: str
    was_submitted: bool
    live: bool  # the lease has not run out
    shown: bool  # the item is not held back for a report
    leased_at: datetime
    item_id: int
    project_id: int
    organization_id: int
    item_data: dict
    prediction: dict | None
    schema_text: str  # the project's schema as stored (JSON text)
    pay_on: str

    @property
    def schema(self) -> LabelSchema:
        return schema_parse_text(self.schema_text)

    @property
    def answerable(self) -> bool:
        """An answer is stored now: the task is neither finished nor skipped, its lease has not run out, and
        its item is shown. (A rework task waiting for its labeler takes an answer too.)"""
        status = Assignment.Status
        ran_out = self.status == status.EXPIRED or (self.status == status.ACTIVE and not self.live)
        return self.status in {status.ACTIVE, status.REWORK} and not ran_out and self.shown


SUBMIT_ROW_SQL = """SELECT a.id, a.status, a.was_submitted, a.expires_at > %s, i.withheld_since IS NULL, a.leased_at,
                        a.item_id, a.project_id, p.organization_id, i.data, i.prediction,
                        CAST(p.schema AS text), p.pay_on
                 FROM labeling_assignment a
                 JOIN projects_item i ON i.id = a.item_id
                 JOIN projects_project p ON p.id = a.project_id
                 WHERE a.worker_id = %s AND a.id IN ({ids})"""


def submit_row_lock(assignment_id: int, worker_id: int, now: datetime) -> SubmitRow | None:
    """The worker's own assignment with what its submit reads; None for anyone else's or no such id."""
    return submit_rows_lock([assignment_id], worker_id, now).get(assignment_id)


def submit_row_read(assignment_id: int, worker_id: int, now: datetime) -> SubmitRow | None:
    """As submit_row_lock, without the lock: for `answer_write_if_open`, whose write checks again."""
    return submit_rows_lock([assignment_id], worker_id, now, lock=False).get(assignment_id)


def submit_rows_lock(
    assignment_ids: list[int], worker_id: int, now: datetime, *, lock: bool = True
) -> dict[int, SubmitRow]:
    """The worker's own assignments among these ids (a task page's), by id, in the order given."""
    sql = SUBMIT_ROW_SQL.format(ids=", ".join(["%s"] * len(assignment_ids))) + (_for_update("a") if lock else "")
    with hot_cursor() as cursor:
        cursor.execute(sql, [sql_time(now), worker_id, *assignment_ids])
        found = {row[0]: _submit_row(row[1:]) for row in cursor.fetchall()}
    return {assignment_id: found[assignment_id] for assignment_id in assignment_ids if assignment_id in found}


def _submit_row(row: tuple) -> SubmitRow:
    status, was_submitted, live, shown, leased_at, item_id, project_id, organization_id = row[:8]
    data, prediction, schema_text, pay_on = row[8:]
    return SubmitRow(
        status=status,
        was_submitted=bool(was_submitted),
        live=bool(live),
        shown=bool(shown),
        leased_at=when(leased_at),
        item_id=item_id,
        project_id=project_id,
        organization_id=organization_id,
        item_data=json_value(Item, "data", data),
        prediction=json_value(Item, "prediction", prediction),
        schema_text=schema_text,
        pay_on=pay_on,
    )


def answer_write(annotation: dict, assignment_id: int, done: dict, audit: dict, *, together: bool) -> int:
    """The annotation, its assignment's close and its audit row (about the new annotation); in one statement
    when `together` (PostgreSQL). Returns the annotation's id."""
    insert_sql, insert_params = insert_statement(Annotation, annotation)
    update_sql, update_params = update_statement(Assignment, assignment_id, done)
    with hot_cursor() as cursor:
        if together:
            audit_sql, audit_params = insert_from_statement(AuditEvent, audit, source="stored", id_column="object_id")
            sql = f"WITH stored AS ({insert_sql}), closed AS ({update_sql}) {audit_sql} RETURNING object_id"
            cursor.execute(sql, [*insert_params, *update_params, *audit_params])
            return cursor.fetchone()[0]
        cursor.execute(insert_sql, insert_params)
        annotation_id = cursor.fetchone()[0]
        cursor.execute(update_sql, update_params)
        cursor.execute(*insert_statement(AuditEvent, {**audit, "object_id": annotation_id}))
        return annotation_id


def answer_write_if_open(annotation: dict, assignment_id: int, done: dict, audit: dict, now: datetime) -> int | None:
    """A first answer in one statement with no lock held before it (PostgreSQL): the assignment closes only
    if it is still an open lease never answered, and only then are the annotation and its audit row written.
    Returns the annotation's id, or None when the assignment changed since it was read (a retry that won
    the race, a lease run out): the caller then takes the careful path. Two submits of one lease meet at
    the row: the second waits for the first, finds the lease closed, and writes nothing."""
    open_lease = "status = 'active' AND NOT was_submitted AND expires_at > %s"
    close_sql, close_params = update_statement(
        Assignment, assignment_id, done, only_if=open_lease, only_if_params=(sql_time(now),)
    )
    store_sql, store_params = insert_from_statement(Annotation, annotation, source="closed")
    audit_sql, audit_params = insert_from_statement(AuditEvent, audit, source="stored", id_column="object_id")
    sql = f"WITH closed AS ({close_sql}), stored AS ({store_sql} RETURNING id) {audit_sql} RETURNING object_id"
    row = _one(sql, [*close_params, *store_params, *audit_params])
    return None if row is None else row[0]
