"""The job board's part of the isolation tests: the board and its feeds are public; a posting's page is not."""

from datadam.jobs import services
from tests.conftest import Cast
from tests.security.shapes import ObjectsOfA

PUBLIC_ROUTES = {
    "jobs/": "the public job board: open postings of open, visible projects only",
    "jobs/feed.atom": "the job board as an Atom feed, for other sites",
    "jobs/feed.json": "the job board as a JSON Feed, for other sites",
}


def objects_of_a(cast: Cast, a: ObjectsOfA) -> None:
    """A posting for A's invite-only project: its staff may preview it; it never reaches the board."""
    services.posting_publish(
        actor=cast.manager, project=cast.project, labeler_openings=7, reviewer_openings=1, location="A의 비밀 사무실"
    )
    a.secrets.append("A의 비밀 사무실")
