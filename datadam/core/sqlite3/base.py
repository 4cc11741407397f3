"""Django's SQLite backend with a queue for writers.

SQLite lets one transaction write at a time. A writer that finds the lock taken sleeps and tries again
(SQLite's busy handler: 1, 2, 5, 10, 15, 20, 25 … ms), so under load a waiting request often sleeps on after
the lock came free, and the slowest next-task requests waited for those sleeps rather than for work. Here
every transaction that writes (Django's `atomic`, which begins IMMEDIATE) first takes an exclusive `flock`
on a file beside the database, and gives it up when the transaction ends: waiting writers queue in the kernel
and the next one starts the moment the lock is released. A process that dies releases its lock with it.
Statements written outside `atomic` still meet at SQLite's own lock, as before.
"""

import fcntl
import os

from django.db.backends.sqlite3 import base


class DatabaseWrapper(base.DatabaseWrapper):
    _writer_queue: int | None = None  # the open lock file, while this connection holds its place
    _writing: bool = False

    def _start_transaction_under_autocommit(self) -> None:
        self._writer_queue_enter()
        try:
            super()._start_transaction_under_autocommit()
        except BaseException:
            self._writer_queue_leave()
            raise

    def _commit(self) -> None:
        try:
            return super()._commit()
        finally:
            self._writer_queue_leave()

    def _rollback(self) -> None:
        try:
            return super()._rollback()
        finally:
            self._writer_queue_leave()

    def _close(self) -> None:
        try:
            return super()._close()
        finally:
            self._writer_queue_leave()
            if self._writer_queue is not None:
                os.close(self._writer_queue)
                self._writer_queue = None

    def _writer_queue_enter(self) -> None:
        if self.is_in_memory_db() or self._writing:
            return
        if self._writer_queue is None:
            path = f"{self.settings_dict['NAME']}.writers"
            self._writer_queue = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        fcntl.flock(self._writer_queue, fcntl.LOCK_EX)
        self._writing = True

    def _writer_queue_leave(self) -> None:
        if self._writing:
            fcntl.flock(self._writer_queue, fcntl.LOCK_UN)
            self._writing = False
