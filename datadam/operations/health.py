"""GET /health/ready for a load balancer or an orchestrator: may this process take traffic?

200 when the database answers, the file storage writes and reads back, and every migration is applied; else
503 with a JSON body naming each part that failed and the exception's class (the details go to the log).
/health (core.views.health) is the liveness check and touches nothing.
"""

import logging
import uuid

from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache

log = logging.getLogger(__name__)
PROBE = b"datadam readiness probe"


class UnappliedMigrations(Exception):
    pass
_migrations_applied = False  # once true in a process, it stays true: its code and its migrations do not change


def _database() -> None:
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _storage() -> None:
    for alias in dict.fromkeys(["default", "media"]):
        storage = storages[alias]
        name = storage.save(f"health/{uuid.uuid4().hex}.probe", ContentFile(PROBE))
        try:
            with storage.open(name, "rb") as handle:
                if handle.read() != PROBE:
                    raise OSError(f"the {alias} storage gave back other bytes")
        finally:
            storage.delete(name)


def _migrations() -> None:
    global _migrations_applied
    if _migrations_applied:
        return
    executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if plan:
        raise UnappliedMigrations(f"{len(plan)} migrations not applied, first {plan[0][0].app_label}.{plan[0][0].name}")
    _migrations_applied = True


CHECKS = {"database": _database, "storage": _storage, "migrations": _migrations}


@never_cache
def health_ready(request: HttpRequest) -> JsonResponse:
    results: dict[str, str] = {}
    for name, check in CHECKS.items():
        try:
            check()
            results[name] = "ok"
        except Exception as exc:  # any failure means "not ready"; the body names it, the log has the details
            # the class only: the page is public, and a message may name a host or a path
            results[name] = type(exc).__name__
            log.warning("not ready: %s failed", name, exc_info=True)
    failed = [name for name, result in results.items() if result != "ok"]
    body = {"status": "unavailable" if failed else "ok", "failed": failed, "checks": results}
    return JsonResponse(body, status=503 if failed else 200)
