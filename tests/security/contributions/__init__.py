"""Each app's part of the isolation tests, one module per app, so a new app adds a file and edits nothing shared.

A module here may define any of:

- `PUBLIC_ROUTES: dict[str, str]` — pages anyone may open, with the reason (a reviewer should see each one);
- `ACCOUNT_WIDE_OPERATIONS: dict[tuple[str, str], AccountWide]` — API operations without an id in the path;
- `BODIES: dict[tuple[str, str], Callable[[ObjectsOfA], dict]]` — a valid body where the plainest one is refused;
- `NOT_ID_PARAMS: set[str]` — path parameters that name no object (a month, a public code);
- `PERSONAL_PARAMS: set[str]` — ids of objects that belong to one person (a colleague in A gets 404 too);
- `def objects_of_a(cast, a: ObjectsOfA) -> None` — make one of A's objects for each id parameter the app's
  routes use, and add them to `a.ids` (with secrets to `a.secrets` and listable ids to `a.ids_by_kind`).
"""

import pkgutil
from importlib import import_module
from types import ModuleType


def contribution_modules() -> list[ModuleType]:
    return [import_module(f"{__name__}.{info.name}") for info in pkgutil.iter_modules(__path__)]


def merged(name: str, empty):
    """One attribute of every contribution module, merged (dicts and sets)."""
    result = empty
    for module in contribution_modules():
        result = result | getattr(module, name, empty)
    return result
