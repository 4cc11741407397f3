"""The job board's part of the isolation tests: the board and its feeds are public. A job's page is public only
while its posting is on the board (tests/jobs/test_job_page_public.py); A's invite-only posting here is not, so
its page asks a visitor to log in and answers an outsider 404 like any private page."""

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
