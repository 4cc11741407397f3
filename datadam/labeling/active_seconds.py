"""The active time a task or review page reports with its answer."""

from django.http import QueryDict

MAX_ACTIVE_SECONDS = 86_400


def active_seconds_from_post(post: QueryDict) -> int:
    """The page's active-time count: a whole number of seconds, 0 when missing or garbled.

    Only a report: the services store no more than the time the task or claim was held."""
    try:
        seconds = int(post.get("active_seconds", "") or 0)
    except ValueError:
        return 0
    return min(max(seconds, 0), MAX_ACTIVE_SECONDS)
