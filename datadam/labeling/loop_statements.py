"""The annotator loop's statements, written as SQL.

Every lease and submit runs these, and building them with the ORM cost more CPU than the database spends
running them (bench/RESULTS.md, "Where the time goes"). Each answers one narrow question; the services
keep the decisions, and the rare paths (rework, expiry, a held-back item) stay on the ORM.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db import connection

from datadam.core.rows import json_value, sql_time, when
from datadam.labeling.models import Assignment
from datadam.projects.models import Item, Project, ProjectMembership


def _one(sql: str, params: list) -> tuple | None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()


def _for_update(of: str) -> str:
    """PostgreSQL locks the row; SQLite's BEGIN IMMEDIATE already serializes writers."""
    return f" FOR UPDATE OF {of}" if connection.features.has_select_for_update_of else ""


def labeler_membership_lock(project_id: int, worker_id: int) -> bool:
    """Lock the worker's labeler membership (one worker's two tabs then lease one at a time); False if none."""
    sql = "SELECT m.id FROM projects_projectmembership m WHERE m.project_id = %s AND m.user_id = %s AND m.role = %s"
    return _one(sql + _for_update("m"), [project_id, worker_id, ProjectMembership.Role.LABELER]) is not None


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


def open_slot_take(item_id: int) -> None:
    with connection.cursor() as cursor:
        cursor.execute("UPDATE projects_item SET open_slots = open_slots - 1 WHERE id = %s", [item_id])


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
    schema: dict
    pay_on: str

    @property
    def answerable(self) -> bool:
        """An answer is stored now: the task is neither finished nor skipped, its lease has not run out, and
        its item is shown. (A rework task waiting for its labeler takes an answer too.)"""
        status = Assignment.Status
        ran_out = self.status == status.EXPIRED or (self.status == status.ACTIVE and not self.live)
        return self.status in {status.ACTIVE, status.REWORK} and not ran_out and self.shown


def submit_row_lock(assignment_id: int, worker_id: int, now: datetime) -> SubmitRow | None:
    """The worker's own assignment with what its submit reads; None for anyone else's or no such id."""
    sql = """SELECT a.status, a.was_submitted, a.expires_at > %s, i.withheld_since IS NULL, a.leased_at,
                    a.item_id, a.project_id, p.organization_id, i.data, i.prediction, p.schema, p.pay_on
             FROM labeling_assignment a
             JOIN projects_item i ON i.id = a.item_id
             JOIN projects_project p ON p.id = a.project_id
             WHERE a.id = %s AND a.worker_id = %s"""
    row = _one(sql + _for_update("a"), [sql_time(now), assignment_id, worker_id])
    if row is None:
        return None
    status, was_submitted, live, shown, leased_at, item_id, project_id, organization_id = row[:8]
    data, prediction, schema, pay_on = row[8:]
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
        schema=json_value(Project, "schema", schema),
        pay_on=pay_on,
    )
