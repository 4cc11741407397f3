"""Consensus on overlapped items and dynamic overlap.

For each item with answers from two or more labelers, each control is aggregated by the rule its kind names
(`traits().consensus`): "vote" by the project's method (mv, ds, wawa or auto, with the gold items' answers
teaching ds/wawa and choosing for auto) for single-choice labels, "rover" for free text, "boxes" by IoU
clustering, "mode" (the most common answer) for anything else. The item's confidence is its lowest control
confidence. An item whose agreement (mean pairwise score) falls below the
policy's threshold gets one more worker, up to the policy's maximum overlap, once its current workers are done.
"""

from collections import Counter, defaultdict
from functools import partial

from django.db import transaction
from django.db.models import F

from datadam.audit.services import audit_record_project
from datadam.projects.models import Item, Project
from datadam.projects.schema.controls import kind_of, traits_of
from datadam.projects.schema.validate import schema_parse
from datadam.quality import aggregation, selectors
from datadam.quality.agreement import item_agreement
from datadam.quality.models import Consensus, GoldItem


def _most_common(answers: dict) -> tuple[object, float]:
    votes = Counter(repr(value) for value in answers.values())
    best, count = min(votes.items(), key=lambda pair: (-pair[1], pair[0]))
    value = next(value for value in answers.values() if repr(value) == best)
    return value, count / len(answers)


def _vote(units: dict, overlapped: dict, gold: dict, method: str) -> tuple[dict, str]:
    """One label per item by the project's method; every answered item teaches ds and wawa, gold chooses for auto."""
    rows = [(str(w), str(item), str(v)) for item, answers in units.items() for w, v in answers.items()]
    truth = {str(item): str(value) for item, value in gold.items() if value is not None}
    outcome = aggregation.aggregate(rows, method, truth)
    return {item: outcome.labels[str(item)] for item in overlapped}, outcome.method


def _rover(units: dict, overlapped: dict, gold: dict, method: str) -> tuple[dict, str]:
    rows = [(str(w), str(item), str(v)) for item, answers in overlapped.items() for w, v in answers.items()]
    merged = aggregation.rover(rows)
    return {item: merged[str(item)] for item in overlapped}, "rover"


def _boxes(units: dict, overlapped: dict, gold: dict, method: str) -> tuple[dict, str]:
    return {item: aggregation.merge_boxes(list(answers.values())) for item, answers in overlapped.items()}, "iou"


def _mode(units: dict, overlapped: dict, gold: dict, method: str) -> tuple[dict, str]:
    return {item: _most_common(answers) for item, answers in overlapped.items()}, "mode"


# The consensus rules a control kind may name in `traits().consensus`; an unknown name falls back to the mode.
RULES = {"vote": _vote, "rover": _rover, "boxes": _boxes, "mode": _mode}


def _aggregate_control(control, units: dict, gold: dict, method: str) -> tuple[dict, str]:
    """item id → (value, confidence) for the items with two or more answers, by the rule the control's kind names."""
    overlapped = {item: answers for item, answers in units.items() if len(answers) >= 2}
    if not overlapped:
        return {}, method
    rule = RULES.get(traits_of(control).consensus, _mode)
    return rule(units, overlapped, gold, method)


def consensus_compute(*, project: Project, units: dict, method: str | None = None) -> tuple[dict, dict, str]:
    """(item id → aggregated result, item id → confidence, the methods used) over the given answers
    (control name → {item: {worker: value}}), without writing anything. Gold items teach the methods and get
    no consensus. Releases call this with the answers frozen at their cut."""
    schema = schema_parse(project.schema)
    method = method or selectors.policy_get(project).aggregation_method
    gold_answers = dict(GoldItem.objects.filter(project=project).values_list("item_id", "answer"))
    per_item: dict[int, dict] = defaultdict(dict)
    confidence: dict[int, float] = defaultdict(lambda: 1.0)
    methods = set()
    for control in schema.controls:
        control_units = units.get(control.name, {})
        gold = {item: answer.get(control.name) for item, answer in gold_answers.items()}
        values, used = _aggregate_control(control, control_units, gold, method)
        methods.add(used)
        for item, (value, share) in values.items():
            if item in gold_answers:
                continue
            per_item[item][control.name] = value
            confidence[item] = min(confidence[item], share)
    return dict(per_item), {item: confidence[item] for item in per_item}, ",".join(sorted(methods))


def consensus_refresh(*, project: Project) -> dict:
    """Recompute every overlapped item's consensus and raise the overlap of items with low agreement.
    Returns counts: items with a consensus, items given one more worker."""
    policy = selectors.policy_get(project)
    schema = schema_parse(project.schema)
    units = selectors.control_units(project, include_gold=True)
    per_item, confidence, methods = consensus_compute(project=project, units=units, method=policy.aggregation_method)
    agreements = _item_agreements(schema, units, set(per_item))
    with transaction.atomic():
        for item, result in per_item.items():
            Consensus.objects.update_or_create(
                item_id=item,
                defaults={
                    "project": project,
                    "result": result,
                    "confidence": round(confidence[item], 4),
                    "method": methods,
                    "workers": max(len(units[name].get(item, {})) for name in units),
                    "agreement": agreements.get(item),
                },
            )
        raised = _raise_overlap(project, policy, agreements, units)
        audit_record_project(
            actor=None,
            action="quality.consensus_refresh",
            target=None,
            project=project,
            detail={"items": len(per_item), "raised": raised},
        )
    return {"items": len(per_item), "raised": raised}


def _item_agreements(schema, units: dict, items: set[int]) -> dict[int, float]:
    result = {}
    for item in items:
        scores = [
            item_agreement(units[control.name][item], partial(kind_of(control).score, control))
            for control in schema.controls
            # a control that follows another (relations) is compared through that one's values, not alone
            if not traits_of(control).follows and len(units.get(control.name, {}).get(item, {})) >= 2
        ]
        scores = [score for score in scores if score is not None]
        if scores:
            result[item] = sum(scores) / len(scores)
    return result


def _raise_overlap(project: Project, policy, agreements: dict[int, float], units: dict) -> int:
    low = [item for item, value in agreements.items() if value < policy.agreement_threshold]
    raised = 0
    for item in Item.objects.select_for_update().filter(id__in=low, target_overlap__lt=policy.max_overlap):
        answered = max(len(units[name].get(item.id, {})) for name in units)
        if answered < item.target_overlap:
            continue  # its current workers are not all done yet
        Item.objects.filter(id=item.id).update(target_overlap=F("target_overlap") + 1, open_slots=F("open_slots") + 1)
        raised += 1
    return raised
