"""On PostgreSQL the annotator loop's statements are parsed and planned once per connection, not on every
request: their cursor binds parameters on the server, so psycopg prepares each statement on its second use."""

import pytest
from django.db import connection

from datadam.core.rows import hot_cursor, statements_together

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's prepared statements"),
    pytest.mark.django_db,
]


def _prepared_statements() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [row[0] for row in cursor.fetchall()]


def test_a_statement_used_twice_is_prepared_and_answers_alike_each_time() -> None:
    answers = []
    for number in (1, 2, 3):
        with hot_cursor() as cursor:
            cursor.execute("SELECT %s::int + 40", [number])
            answers.append(cursor.fetchone()[0])

    assert answers == [41, 42, 43]
    assert "SELECT $1::int + 40" in _prepared_statements()


def test_statements_sent_together_each_answer_after_the_block() -> None:
    with hot_cursor() as first, hot_cursor() as second:
        with statements_together():
            first.execute("SELECT %s::text", ["one"])
            second.execute("SELECT %s::int * 2", [21])
        assert (first.fetchone()[0], second.fetchone()[0]) == ("one", 42)
