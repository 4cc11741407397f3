"""The annotator loop stays lean: a lease and a submit over the API each send a handful of statements.

Every labeler online runs this loop all day, so one more statement in it is one more for every task built.
"""

import json
from collections.abc import Callable

import pytest
from django.db import connection
from django.http import HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext

from datadam.accounts import services as accounts
from datadam.audit.models import AuditEvent
from datadam.labeling.models import Annotation, Assignment

# token, project, quality policy, (savepoint), membership lock, pending work and run-out leases, queue,
# slot, assignment insert, audit insert, (release)
STATEMENTS_PER_LEASE = 11
# token, (savepoint), assignment with item and project, annotation insert, assignment update, audit insert,
# (release)
STATEMENTS_PER_SUBMIT = 7
# On PostgreSQL, outside any transaction: the token, then the project, the membership lock and the whole lease
# (which asks whether the project has a quality policy), which travel together in one round trip
LEASE_STATEMENTS_ON_POSTGRESQL = 4
# token, assignment with item and project, the answer's writes in one statement
SUBMIT_STATEMENTS_ON_POSTGRESQL = 3


def statements_sent(request: Callable[[], HttpResponse]) -> tuple[HttpResponse, int]:
    """A request's response and how many SQL statements it sent, counted before the next request starts
    (Django clears the query log at the start of each request)."""
    with CaptureQueriesContext(connection) as captured:
        response = request()
    return response, len(captured.captured_queries)


def _lease_and_submit(cast, answer: dict) -> tuple[HttpResponse, int, HttpResponse, int]:
    _token, plain = accounts.token_create(user=cast.labeler, name="script")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {plain}")
    client.get("/api/v1/me")  # the token's first use notes the time, once a minute at most

    leased, lease_statements = statements_sent(lambda: client.post(f"/api/v1/projects/{cast.project.id}/tasks/next"))
    submitted, submit_statements = statements_sent(
        lambda: client.post(
            f"/api/v1/assignments/{leased.json()['id']}/submit", json.dumps(answer), content_type="application/json"
        )
    )
    return leased, lease_statements, submitted, submit_statements


def test_a_lease_and_a_submit_each_send_a_handful_of_statements_and_store_everything(cast) -> None:
    answer = {"result": {"sentiment": "positive"}, "active_seconds": 5}
    leased, lease_statements, submitted, submit_statements = _lease_and_submit(cast, answer)

    assert leased.status_code == 200 and submitted.status_code == 201
    assert 3 <= lease_statements <= STATEMENTS_PER_LEASE
    assert 3 <= submit_statements <= STATEMENTS_PER_SUBMIT
    annotation = Annotation.objects.get(id=submitted.json()["id"])
    assert (annotation.author, annotation.version, annotation.result) == (cast.labeler, 1, answer["result"])
    assert Assignment.objects.get(id=leased.json()["id"]).status == Assignment.Status.SUBMITTED
    actions = set(AuditEvent.objects.filter(actor=cast.labeler).values_list("action", flat=True))
    assert {"assignment.lease", "annotation.submit"} <= actions


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL runs writes inside WITH")
def test_on_postgresql_the_lease_and_the_submit_each_send_a_few_statements_and_no_transaction_of_their_own(
    cast,
) -> None:
    answer = {"result": {"sentiment": "negative"}, "active_seconds": 3}
    leased, lease_statements, submitted, submit_statements = _lease_and_submit(cast, answer)

    assert (leased.status_code, submitted.status_code) == (200, 201)
    assert (lease_statements, submit_statements) == (LEASE_STATEMENTS_ON_POSTGRESQL, SUBMIT_STATEMENTS_ON_POSTGRESQL)
    assert Annotation.objects.get(id=submitted.json()["id"]).result == answer["result"]
    assignment = Assignment.objects.get(id=leased.json()["id"])
    assert (assignment.status, assignment.item.open_slots) == (Assignment.Status.SUBMITTED, 0)


def test_a_token_used_again_within_the_minute_is_not_touched_and_a_revoked_one_is_refused_at_once(cast) -> None:
    token, plain = accounts.token_create(user=cast.labeler, name="script")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {plain}")

    me = client.get("/api/v1/me")
    assert (me.status_code, me.json()["username"]) == (200, "labeler")
    first_use = type(token).objects.get(id=token.id).last_used_at
    assert client.get("/api/v1/me").status_code == 200
    assert type(token).objects.get(id=token.id).last_used_at == first_use
    accounts.token_revoke(user=cast.labeler, token_id=token.id)

    assert client.get("/api/v1/me").status_code == 401
