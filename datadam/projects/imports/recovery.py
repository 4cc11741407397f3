"""A text import whose worker was killed: run it again from the start, or, once given up, fail it with the reason.

The task runs `import_run_again_prepare` before a second or later attempt: the hidden items the dead worker
wrote are deleted and the counters reset, so the new run writes every row once and publishes once. A batch
already published or failed is left as it is. The reaper (operations) calls `import_given_up` through the
handler registered in ProjectsConfig.ready; the manager then sees the reason and a restart button
(imports.restart, which schedules the task; this module imports no task).
"""

from django.utils.translation import gettext as _

from datadam.projects.imports import lifecycle
from datadam.projects.models import ImportBatch


def import_run_again_prepare(*, batch_id: int) -> None:
    """Before a new attempt of a batch a dead worker left running: forget its partial rows."""
    lifecycle.batch_restart_prepare(batch_id)


def import_given_up(args: list, kwargs: dict, _reason: str) -> None:
    """The reaper gave the import up: nothing of it stays, and the page says why (in its own words) and offers
    a restart."""
    named = dict(zip(("batch_id", "text_column", "id_column", "keep"), args, strict=False)) | kwargs
    columns = {"text_column": "text", "id_column": "id", "keep": None} | {
        key: named[key] for key in ("text_column", "id_column", "keep") if key in named
    }
    reason = _("The worker importing this file stopped before it finished, and the import was given up.")
    lifecycle.batch_give_up(named["batch_id"], reason=reason, **columns)


def import_can_restart(batch: ImportBatch) -> bool:
    return batch.status == ImportBatch.Status.FAILED and any(e.get("worker_lost") for e in batch.errors)
