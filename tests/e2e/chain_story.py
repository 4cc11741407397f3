"""Extra checks for the inspection-chain story, run right after the senior reviewer has overturned the first
reviewer's acceptance (tests/e2e/test_inspection_chain.py). Another part of the chain adds a check here by
appending a function that takes the story's `Moment`, e.g. to see the first reviewer's quality figure fall or
the item's history show every step, without writing the story again."""

from collections.abc import Callable
from dataclasses import dataclass

from playwright.sync_api import Browser
from pytest_django.live_server_helper import LiveServer

from datadam.labeling.models import Annotation
from tests.conftest import Cast


@dataclass(frozen=True)
class Moment:
    """Where the story stands: the senior has sent `overturned` back with `reason`."""

    browser: Browser
    browser_context_args: dict
    live_server: LiveServer
    cast: Cast
    senior: object
    overturned: Annotation
    reason: str


AFTER_OVERTURN: list[Callable[[Moment], None]] = []
