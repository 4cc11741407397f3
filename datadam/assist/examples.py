"""Between the database and the assistants: which control a built-in model learns, and its training examples."""

from dataclasses import dataclass

from datadam.assist.assistants.span_tagger import Span
from datadam.labeling.models import Annotation
from datadam.projects.models import Project
from datadam.projects.schema.validate import LabelSchema


@dataclass(frozen=True)
class Target:
    """The control a built-in model fills, and the item data field it reads."""

    control: str
    source: str
    labels: list[str]


def target_for(schema: LabelSchema, kind: str) -> Target | None:
    """The first single-choice control (text classifier) or spans control (tagger); None if the schema has none."""
    for control in schema.controls:
        if kind == "text_classifier" and control.type == "choices" and not getattr(control, "multiple", False):
            pass
        elif kind == "span_tagger" and control.type == "spans":
            pass
        else:
            continue
        labels = [label.value for label in getattr(control, "labels", [])]
        return Target(control=control.name, source=getattr(control, "source", None) or "text", labels=labels)
    return None


def accepted_examples(project: Project, target: Target) -> tuple[list[str], list]:
    """(texts, values) of every item's latest accepted annotation that answers the target control.

    A reviewer's correction is a later accepted version, so it wins over the labeler's original.
    """
    rows = (
        Annotation.objects.filter(project=project, status=Annotation.Status.ACCEPTED)
        .order_by("item_id", "-version", "-id")
        .values_list("item_id", "item__data", "result")
    )
    texts, values, seen = [], [], set()
    for item_id, data, result in rows.iterator(chunk_size=2000):
        if item_id in seen:
            continue
        seen.add(item_id)
        text, value = (data or {}).get(target.source), (result or {}).get(target.control)
        if isinstance(text, str) and value not in (None, ""):
            texts.append(text)
            values.append(value)
    return texts, values


def accepted_count(project: Project) -> int:
    return (
        Annotation.objects.filter(project=project, status=Annotation.Status.ACCEPTED)
        .values("item_id")
        .distinct()
        .count()
    )


def spans_from_value(value: object) -> list[Span]:
    spans = []
    for entry in value if isinstance(value, list) else []:
        try:
            spans.append(Span(start=int(entry["start"]), end=int(entry["end"]), label=str(entry["label"])))
        except (KeyError, TypeError, ValueError):
            continue
    return spans


def spans_to_value(text: str, spans: list[Span]) -> list[dict]:
    return [
        {
            "id": f"s{number}",
            "start": span.start,
            "end": span.end,
            "label": span.label,
            "text": text[span.start : span.end],
        }
        for number, span in enumerate(spans, start=1)
    ]
