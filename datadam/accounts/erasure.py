"""What other apps keep about a person, erased with them.

Apps above accounts hold personal data too (a recorded voice, a photo). Accounts cannot import them,
so each registers an eraser in its AppConfig.ready, and user_erase runs them all inside its
transaction: a person is erased everywhere or nowhere.
"""

from collections.abc import Callable

from datadam.accounts.models import User

PersonEraser = Callable[..., object]

_erasers: list[PersonEraser] = []


def person_eraser_register(eraser: PersonEraser) -> None:
    """Register `eraser(user=...)`; registering the same one twice keeps one."""
    if eraser not in _erasers:
        _erasers.append(eraser)


def person_erasers_run(*, user: User) -> None:
    for eraser in _erasers:
        eraser(user=user)
