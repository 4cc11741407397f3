"""Django's PostgreSQL backend with a health check only after a pause, and prepared statements for the
hottest queries.

With CONN_HEALTH_CHECKS, Django sends `SELECT 1` before the first query of every request: one round trip
more for each of the annotator loop's requests, about a sixth of its statements. A connection that
finished a request a moment ago is almost surely alive; the ones that break are those left idle (a restarted
or failed-over server, a firewall that drops quiet connections). So the check runs only when the connection
was idle for longer than HEALTH_CHECK_AFTER_IDLE_S before the request; a connection that fails mid-request
is closed at the request's end as before.

Django binds parameters into the query text on the client, so PostgreSQL parses and plans every statement
afresh: for the annotator loop's statements, more of the database's time than running them. Their
`prepared_cursor` binds parameters on the server instead, and psycopg then prepares each statement once per
connection (OPTIONS' `prepare_threshold`; None leaves everything unprepared, as behind an old PgBouncer).
"""

import time
from collections.abc import Iterator
from contextlib import contextmanager

from django.db.backends.postgresql import base
from django.db.backends.utils import CursorWrapper

HEALTH_CHECK_AFTER_IDLE_S = 5.0


class DatabaseWrapper(base.DatabaseWrapper):
    last_turn_at: float | None = None  # when a request last started or ended on this connection
    idle_s: float | None = None  # measured as a request starts: how long the connection sat unused

    def close_if_unusable_or_obsolete(self) -> None:
        """Django calls this as each request starts and as it ends, so the time between an end and the next
        start is the connection's idle time."""
        super().close_if_unusable_or_obsolete()
        now = time.monotonic()
        self.idle_s = None if self.last_turn_at is None else now - self.last_turn_at
        self.last_turn_at = now if self.connection is not None else None

    def close_if_health_check_failed(self) -> None:
        if self.connection is not None and self.idle_s is not None and self.idle_s < HEALTH_CHECK_AFTER_IDLE_S:
            self.health_check_done = True
            return
        super().close_if_health_check_failed()

    def prepared_cursor(self) -> CursorWrapper:
        """A cursor whose parameters are bound on the server, so that its statements are prepared."""
        self.close_if_health_check_failed()
        self.ensure_connection()
        with self.wrap_database_errors:
            cursor = base.ServerBindingCursor(self.connection)
            loader = self.connection.adapters.get_loader(base.TIMESTAMPTZ_OID, base.Format.TEXT)
            if self.timezone != loader.timezone:  # as Django's own cursors do
                base.register_tzloader(self.timezone, cursor)
            return self._prepare_cursor(cursor)

    @contextmanager
    def statements_together(self) -> Iterator[None]:
        """Statements executed inside travel in one round trip (psycopg's pipeline mode), their results read
        after the block. Outside a transaction they run as one implicit transaction, each with its own
        snapshot: a lock taken by the first holds until the last has run."""
        self.ensure_connection()
        with self.wrap_database_errors, self.connection.pipeline():
            yield
