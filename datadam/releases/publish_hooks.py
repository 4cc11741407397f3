"""What happens elsewhere when a release is published (the catalog makes the data set's page).

The catalog sits above releases (it lists published releases), so releases cannot import it. An app
registers a callable in its AppConfig.ready; release_publish calls each inside its transaction.
"""

from collections.abc import Callable

from datadam.releases.models import Release

_hooks: list[Callable[..., object]] = []


def release_published_register(hook: Callable[..., object]) -> None:
    """Register `hook(release=...)`; the same one twice runs once."""
    if hook not in _hooks:
        _hooks.append(hook)


def release_published(*, release: Release) -> None:
    for hook in _hooks:
        hook(release=release)
