"""What the activity log page shows of an event, worked out in Python rather than in the template.

An event's detail is whatever its service wrote: numbers, names, lists of ids, dicts of changed settings.
Django's template language looks up `detail.items` as the key "items" before the dict method, so a detail
with such a key cannot be iterated there; here it is turned into (label, text) pairs instead.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.utils.translation import pgettext, pgettext_lazy

from datadam.audit.actions import action_label
from datadam.audit.models import AuditEvent

# Short words such as "Status" mean something else on other pages; the context keeps their translations apart
# (written out each time, as makemessages reads only a literal context).
# Keys the services write, in plain words; any other key is shown as its own name, underscores as spaces.
DETAIL_LABELS = {
    "amount": pgettext_lazy("activity log detail", "Amount"),
    "assignments": pgettext_lazy("activity log detail", "Tasks"),
    "bytes": pgettext_lazy("activity log detail", "Bytes"),
    "control": pgettext_lazy("activity log detail", "Control"),
    "correction": pgettext_lazy("activity log detail", "Correction"),
    "fields": pgettext_lazy("activity log detail", "Fields"),
    "file": pgettext_lazy("activity log detail", "File"),
    "include": pgettext_lazy("activity log detail", "Included"),
    "is_open": pgettext_lazy("activity log detail", "Open"),
    "items": pgettext_lazy("activity log detail", "Items"),
    "kind": pgettext_lazy("activity log detail", "Kind"),
    "metric": pgettext_lazy("activity log detail", "Measure"),
    "n": pgettext_lazy("activity log detail", "Sample size"),
    "name": pgettext_lazy("activity log detail", "Name"),
    "override": pgettext_lazy("activity log detail", "Signed off despite missed targets"),
    "passed": pgettext_lazy("activity log detail", "Passed"),
    "person": pgettext_lazy("activity log detail", "Person"),
    "problems": pgettext_lazy("activity log detail", "Problems"),
    "programme": pgettext_lazy("activity log detail", "Programme"),
    "prompts": pgettext_lazy("activity log detail", "Prompts"),
    "raised": pgettext_lazy("activity log detail", "Flags raised"),
    "rate": pgettext_lazy("activity log detail", "Rate"),
    "reason": pgettext_lazy("activity log detail", "Reason"),
    "role": pgettext_lazy("activity log detail", "Role"),
    "score": pgettext_lazy("activity log detail", "Score"),
    "size": pgettext_lazy("activity log detail", "Size"),
    "source": pgettext_lazy("activity log detail", "Source"),
    "status": pgettext_lazy("activity log detail", "Status"),
    "target": pgettext_lazy("activity log detail", "Target"),
    "title": pgettext_lazy("activity log detail", "Title"),
    "unit": pgettext_lazy("activity log detail", "Unit"),
    "unreadable": pgettext_lazy("activity log detail", "Unreadable"),
    "user": pgettext_lazy("activity log detail", "Person"),
    "username": pgettext_lazy("activity log detail", "User name"),
    "version": pgettext_lazy("activity log detail", "Version"),
    "worker": pgettext_lazy("activity log detail", "Worker"),
    "year": pgettext_lazy("activity log detail", "Year"),
}
MAX_TEXT = 300  # a detail is a note beside the event, not a document; longer values are cut


@dataclass(frozen=True)
class AuditEventRow:
    event: AuditEvent
    label: str
    details: list[tuple[str, str]]


def audit_event_rows(events: Iterable[AuditEvent]) -> list[AuditEventRow]:
    """One row per event for the activity log table: the action in plain words and the detail as pairs."""
    return [AuditEventRow(event, action_label(event.action), detail_pairs(event.detail)) for event in events]


def detail_pairs(detail: object) -> list[tuple[str, str]]:
    """(label, text) for each key of an event's detail, in the order the service wrote them."""
    if not isinstance(detail, Mapping):
        return [] if detail in (None, "", [], {}) else [(pgettext("activity log detail", "Detail"), _text(detail))]
    return [(_key_label(key), _text(value)) for key, value in detail.items()]


def _key_label(key: object) -> str:
    name = str(key)
    label = DETAIL_LABELS.get(name)
    return str(label) if label is not None else name.replace("_", " ")


def _text(value: object) -> str:
    text = _plain(value)
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"


def _plain(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return pgettext("activity log detail", "yes") if value else pgettext("activity log detail", "no")
    if isinstance(value, Mapping):
        return "; ".join(f"{_key_label(key)}: {_plain(item)}" for key, item in value.items())
    if isinstance(value, list | tuple | set):
        # A dict inside a list keeps its own pairs together: "a: 1, (b: 2; c: 3)".
        parts = (f"({_plain(item)})" if isinstance(item, Mapping) else _plain(item) for item in value)
        return ", ".join(parts) or "—"
    return str(value)
