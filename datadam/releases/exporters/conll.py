"""CoNLL with BIO tags: one `token<TAB>tag` line per token, a blank line between items.

Tokens are the text's whitespace-separated words, split again at every span's start and end, so a Korean
word with a particle (홍길동이) becomes 홍길동 B-PS + 이 O and the spans come back exactly. The first
spans control of the schema is written; where spans overlap, the one that starts first (then the longer)
wins. A comment line `# id = <item>` before each item names it (readers that do not know comments can
drop lines starting with "# ").
"""

import re
from collections.abc import Iterator

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from datadam.projects.models import Project
from datadam.releases.exporters.fit import data_type_mismatch
from datadam.releases.exporters.source import controls, latest_per_item

TITLE = gettext_lazy("CoNLL with BIO tags: named entities (spans)")
CONTENT_TYPE = "text/plain; charset=utf-8"
EXTENSION = "conll"
WORD = re.compile(r"\S+")


def supports(project: Project) -> str | None:
    if reason := data_type_mismatch(project, Project.DataType.TEXT, "CoNLL"):
        return reason
    if not controls(project, "spans"):
        return _("CoNLL needs spans in the label schema.")
    return None


def rows(project: Project, include: str = "accepted") -> Iterator[str]:
    found = controls(project, "spans")
    if not found:
        return
    control = found[0]
    for entry in latest_per_item(project, include):
        text = entry.data.get(control.source)
        if not isinstance(text, str):
            continue
        lines = [f"{token}\t{tag}\n" for token, tag in bio(text, entry.result.get(control.name) or [])]
        yield f"# id = {entry.external_id or entry.item_id}\n" + "".join(lines) + "\n"


def bio(text: str, spans: list) -> list[tuple[str, str]]:
    """(token, tag) pairs of the text with BIO tags from the spans (offsets in code points)."""
    chosen, taken_until = [], -1
    for span in sorted(spans, key=lambda s: (s["start"], -s["end"])):
        if span["start"] >= taken_until:
            chosen.append(span)
            taken_until = span["end"]
    cuts = {point for span in chosen for point in (span["start"], span["end"])}
    tagged, begun = [], set()
    for word in WORD.finditer(text):
        edges = sorted({word.start(), word.end(), *(c for c in cuts if word.start() < c < word.end())})
        for start, end in zip(edges, edges[1:], strict=False):
            span = next((s for s in chosen if s["start"] <= start < s["end"]), None)
            if span is None:
                tagged.append((text[start:end], "O"))
                continue
            tagged.append((text[start:end], ("I-" if id(span) in begun else "B-") + span["label"]))
            begun.add(id(span))
    return tagged
