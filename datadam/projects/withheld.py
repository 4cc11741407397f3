"""Items held back while a manager checks a report of personal data.

Labeling sets `Item.withheld_since` when a worker reports personal data and clears it when a manager releases
the item; a removed item keeps it. Every reader (review, exports, releases, media, labeling) leaves such items
out through this module, so the rule is one column read the same way everywhere.
"""

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from datadam.core.errors import Gone
from datadam.projects.models import Item


def withheld(via: str = "") -> Q:
    """Rows whose item is withheld; `via` is the path to the item ("item" for an annotation, "" for an item)."""
    return Q(**{f"{via}__withheld_since__isnull" if via else "withheld_since__isnull": False})


def without_withheld(rows: QuerySet, via: str = "") -> QuerySet:
    return rows.exclude(withheld(via))


def withheld_count(project_id: int) -> int:
    return Item.objects.filter(withheld(), project_id=project_id).count()


def held_back() -> Gone:
    """The refusal (410) a person gets for a withheld item or its files."""
    return Gone(_("This item is held back while a manager checks a report."))


def item_check_shown(item: Item) -> None:
    if item.withheld_since is not None:
        raise held_back()
