"""The annotator loop stays lean: a lease and a submit over the API each send a handful of statements.

Every labeler online runs this loop all day, so one more statement in it is one more for every task built.
"""

import json
from collections.abc import Callable

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


def statements_sent(request: Callable[[], HttpResponse]) -> tuple[HttpResponse, int]:
    """A request's response and how many SQL statements it sent, counted before the next request starts
    (Django clears the query log at the start of each request)."""
    with CaptureQueriesContext(connection) as captured:
        response = request()
    return response, len(captured.captured_queries)


def test_a_lease_and_a_submit_each_send_a_handful_of_statements_and_store_everything(cast) -> None:
    _token, plain = accounts.token_create(user=cast.labeler, name="script")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {plain}")
    client.get("/api/v1/me")  # the token's first use notes the time, once a minute at most

    leased, lease_statements = statements_sent(lambda: client.post(f"/api/v1/projects/{cast.project.id}/tasks/next"))
    answer = {"result": {"sentiment": "positive"}, "active_seconds": 5}
    submitted, submit_statements = statements_sent(
        lambda: client.post(
            f"/api/v1/assignments/{leased.json()['id']}/submit", json.dumps(answer), content_type="application/json"
        )
    )

    assert leased.status_code == 200 and submitted.status_code == 201
    assert 3 <= lease_statements <= STATEMENTS_PER_LEASE
    assert 3 <= submit_statements <= STATEMENTS_PER_SUBMIT
    annotation = Annotation.objects.get(id=submitted.json()["id"])
    assert (annotation.author, annotation.version, annotation.result) == (cast.labeler, 1, answer["result"])
    assert Assignment.objects.get(id=leased.json()["id"]).status == Assignment.Status.SUBMITTED
    actions = set(AuditEvent.objects.filter(actor=cast.labeler).values_list("action", flat=True))
    assert {"assignment.lease", "annotation.submit"} <= actions


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
