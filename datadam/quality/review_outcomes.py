"""Review's verdicts, as quality measures them (accepted, sent back, corrected, and why).

Review sits above quality (it asks quality which work to sample and tells it each verdict), so quality
cannot read review's rows. Review registers these readers in its AppConfig.ready.
"""

from collections.abc import Callable
from dataclasses import dataclass

from datadam.accounts.models import User
from datadam.projects.models import Project

NO_FEEDBACK = {"accepted": 0, "rejected": 0, "corrected": 0, "recent": []}


@dataclass(frozen=True)
class ReviewOutcomes:
    # feedback_for_worker(project=, worker=, limit=) -> {"accepted", "rejected", "corrected", "recent"}
    feedback_for_worker: Callable[..., dict]
    # rejections_per_author(project=) -> {author id: how many of their answers were sent back}
    rejections_per_author: Callable[..., dict[int, int]]


_registered: list[ReviewOutcomes] = []


def review_outcomes_register(outcomes: ReviewOutcomes) -> None:
    """Register the readers; one app gives them, so a second registration replaces the first."""
    _registered[:] = [outcomes]


def feedback_for_worker(*, project: Project, worker: User, limit: int = 20) -> dict:
    if not _registered:
        return {**NO_FEEDBACK, "recent": []}
    return _registered[0].feedback_for_worker(project=project, worker=worker, limit=limit)


def rejections_per_author(*, project: Project) -> dict[int, int]:
    return _registered[0].rejections_per_author(project=project) if _registered else {}
