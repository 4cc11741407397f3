"""What an app does when the reaper gives up on one of its jobs (its worker died too many times).

The reaper sits low and knows no job's rows, so the app owning a task registers, in its AppConfig.ready, a
handler under the task's dotted path. The handler marks the job failed with the reason, so the page showing
the job stops waiting and offers a restart.
"""

import logging
from collections.abc import Callable

log = logging.getLogger(__name__)

GivenUpHandler = Callable[[list, dict, str], None]
_handlers: dict[str, GivenUpHandler] = {}


def given_up_register(task_path: str, handler: GivenUpHandler) -> None:
    """`handler(args, kwargs, reason)` is called with the task's own arguments after the reaper gave up."""
    _handlers[task_path] = handler


def given_up_tell(task_path: str, args: list, kwargs: dict, reason: str) -> None:
    handler = _handlers.get(task_path)
    if handler is None:
        return
    try:
        handler(args, kwargs, reason)
    except Exception:  # the task row already says failed; a handler's own failure must not stop the reaper
        log.exception("the handler for a given-up %s failed", task_path)
