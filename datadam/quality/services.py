"""Quality writes: the project's policy, gold items, the honeypot share of the lease, flags and pauses.

The labeling lease calls `lease_gate` and `honeypot_pick` (in its transaction); everything else is called
by pages, the API, the `datadam quality` command or the review services.
"""

import json
import random
import statistics
from datetime import timedelta

from django.db import transaction
from django.db.models import Count, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from datadam.accounts.models import User
from datadam.audit.services import audit_record_project
from datadam.core.errors import Conflict, Invalid, NotFound, PermissionDenied
from datadam.core.rows import hot_cursor
from datadam.core.text import load_bounded_json
from datadam.labeling.models import Annotation, Assignment
from datadam.projects.models import Item, Project
from datadam.projects.schema.validate import annotation_validate, schema_parse
from datadam.quality import aggregation, permissions, sampling, selectors
from datadam.quality.models import GoldItem, QualityPolicy, WorkerFlag, WorkerPause

POLICY_FIELDS = {
    "honeypot_share",
    "accuracy_floor",
    "min_gold_answers",
    "agreement_threshold",
    "max_overlap",
    "aggregation_method",
    "flag_action",
    "speed_ratio",
    "constant_share",
    "burst_count",
    "burst_seconds",
    "inspection",
    "lot_size",
    "inspection_level",
    "aql",
    "review_gold_share",
    "reviewer_floor",
    "min_reviewer_verdicts",
}
MIN_ANSWERS_FOR_HABITS = 10  # speed and one-answer flags need this many answers from the worker


def _require_manager(actor: User, project: Project) -> None:
    if not permissions.can_manage_quality(actor, project):
        raise NotFound(_("No such project."))


@transaction.atomic
def policy_update(*, actor: User, project: Project, **fields) -> QualityPolicy:
    """Change a project's quality settings; unknown or out-of-range values are refused with the field named."""
    _require_manager(actor, project)
    unknown = sorted(set(fields) - POLICY_FIELDS)
    if unknown:
        raise Invalid(_("%(field)s is not a quality setting.") % {"field": unknown[0]})
    policy, _created = QualityPolicy.objects.select_for_update().get_or_create(project=project)
    for name, value in fields.items():
        setattr(policy, name, value)
    _check_policy(policy)
    policy.save()
    audit_record_project(actor=actor, action="quality.policy_update", target=policy, project=project, detail=fields)
    return policy


def _check_policy(policy: QualityPolicy) -> None:
    from django.core.exceptions import ValidationError

    if policy.aggregation_method not in aggregation.METHODS:
        raise Invalid(_("Pick an aggregation method: %(methods)s.") % {"methods": ", ".join(aggregation.METHODS)})
    try:
        sampling.plan_for(max(2, policy.lot_size), policy.aql, policy.inspection_level)
    except ValueError as exc:
        raise Invalid(str(exc)) from None
    try:
        policy.full_clean(exclude=["project"])
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise Invalid(f"{field}: {messages[0]}") from None


@transaction.atomic
def gold_item_create(*, actor: User, project: Project, data: dict, answer: dict, explanation: str = "") -> GoldItem:
    """A new item imported with its answer. It is kept out of the ordinary queue and served as a honeypot."""
    _require_manager(actor, project)
    if not isinstance(data, dict) or not data:
        raise Invalid(_('A gold item needs its data, e.g. {"text": "..."}.'))
    annotation_validate(schema_parse(project.schema), answer, data)
    item = Item.objects.create(
        project=project, data=data, target_overlap=0, open_slots=0, is_published=True, external_id="gold"
    )
    gold = GoldItem.objects.create(
        item=item, project=project, answer=answer, source=GoldItem.Source.IMPORTED, explanation=explanation
    )
    audit_record_project(actor=actor, action="gold.create", target=gold, project=project)
    return gold


MAX_GOLD_ROWS = 5000


@transaction.atomic
def gold_items_import(*, actor: User, project: Project, lines: list[str]) -> list[GoldItem]:
    """Gold items from JSON Lines, one `{"data": {...}, "answer": {...}}` per line. All or nothing: the first bad
    line is reported with its number and no item is kept."""
    _require_manager(actor, project)
    rows = [(number, line) for number, line in enumerate(lines, start=1) if line.strip()]
    if not rows:
        raise Invalid(_("The file has no gold items."))
    if len(rows) > MAX_GOLD_ROWS:
        raise Invalid(_("At most %(n)d gold items at a time.") % {"n": MAX_GOLD_ROWS})
    made = []
    for number, line in rows:
        try:
            row = load_bounded_json(line)
            if not isinstance(row, dict) or set(row) - {"data", "answer", "explanation"}:
                raise Invalid(_('each line needs "data" and "answer" (and may have "explanation")'))
            made.append(
                gold_item_create(
                    actor=actor,
                    project=project,
                    data=row.get("data"),
                    answer=row.get("answer"),
                    explanation=str(row.get("explanation", ""))[:500],
                )
            )
        except json.JSONDecodeError as exc:
            raise Invalid(
                _("Line %(line)d: not valid JSON (%(error)s).") % {"line": number, "error": exc.msg}
            ) from None
        except Invalid as exc:
            raise Invalid(_("Line %(line)d: %(error)s") % {"line": number, "error": exc.message}) from None
    return made


@transaction.atomic
def gold_item_promote(*, actor: User, project: Project, item_id: int, explanation: str = "") -> GoldItem:
    """Accepted work becomes gold: the newest accepted version (a reviewer's correction wins) is the answer."""
    _require_manager(actor, project)
    item = Item.objects.select_for_update().filter(id=item_id, project=project).first()
    if item is None:
        raise NotFound(_("No such item."))
    if GoldItem.objects.filter(item=item).exists():
        raise Conflict(_("This item is already gold."))
    accepted = Annotation.objects.filter(item=item, status=Annotation.Status.ACCEPTED).order_by("-id").first()
    if accepted is None:
        raise Invalid(_("Only an item with accepted work can become gold."))
    Item.objects.filter(id=item.id).update(open_slots=0)
    gold = GoldItem.objects.create(
        item=item, project=project, answer=accepted.result, source=GoldItem.Source.PROMOTED, explanation=explanation
    )
    audit_record_project(actor=actor, action="gold.promote", target=gold, project=project)
    return gold


# --- the lease's part -------------------------------------------------------------------------------------


def lease_gate(*, project: Project, worker: User) -> QualityPolicy | None:
    """The lease's gate (registered in QualityConfig.ready), before its transaction: refuse a paused worker
    with the reason, and apply the project's flag rules first so that a worker who just fell below the floor
    is stopped now.

    Returns the project's policy (None when the project has none, which costs one query)."""
    # Plain SQL: this runs on every lease, and most projects have no policy.
    with hot_cursor() as cursor:
        cursor.execute("SELECT id FROM quality_qualitypolicy WHERE project_id = %s", [project.id])
        found = cursor.fetchone()
    if found is None:
        return None  # pauses exist only where a policy does (a manager's pause creates one)
    policy = QualityPolicy.objects.get(id=found[0])
    if _worth_checking(project, worker):
        worker_flags_evaluate(project=project, worker=worker, policy=policy)
    pause = WorkerPause.objects.filter(
        project=project, worker=worker, role=WorkerPause.Role.LABELING, lifted_at__isnull=True
    ).first()
    if pause is not None:
        raise PermissionDenied(
            _("Your work on this project is paused. Reason: %(reason)s Ask the project manager to look at it.")
            % {"reason": pause.reason}
        )
    return policy


def _worth_checking(project: Project, worker: User) -> bool:
    """The rules are checked when the worker's last answer was on a gold item, and on every tenth answer:
    enough to catch a fall below the floor at once, without the full check on every lease."""
    last = (
        Assignment.objects.filter(project=project, worker=worker, was_submitted=True)
        .order_by("-finished_at")
        .values_list("item__gold__id", flat=True)[:1]
    )
    answered = list(last)
    if not answered:
        return False
    if answered[0] is not None:
        return True
    return Assignment.objects.filter(project=project, worker=worker, was_submitted=True).count() % 10 == 0


def lease_pick(*, project: Project, worker: User, gated: QualityPolicy | None) -> Item | None:
    """The lease's pick (registered in QualityConfig.ready): a gold item, given the policy lease_gate returned."""
    return honeypot_pick(project=project, worker=worker, policy=gated)


def honeypot_pick(*, project: Project, worker: User, policy: QualityPolicy | None) -> Item | None:
    """With the policy's probability, a gold item this worker never had (else None). The item looks like any
    other: same page, same address pattern, and the lease leaves its open slots alone."""
    if policy is None or policy.honeypot_share <= 0 or random.random() >= policy.honeypot_share:  # noqa: S311
        return None
    had = Assignment.objects.filter(project=project, worker=worker).values("item_id")
    return (
        Item.objects.filter(project=project, gold__isnull=False)
        .exclude(id__in=had)
        .order_by("?")  # gold items are few; a random one keeps their order from being learnt
        .first()
    )


# --- flags and pauses ------------------------------------------------------------------------------------


def worker_flags_evaluate(*, project: Project, worker: User, policy: QualityPolicy | None = None) -> list[WorkerFlag]:
    """Check one worker against the project's rules; record each new finding once (until resolved) and apply
    the policy's action. Returns the flags raised now."""
    with transaction.atomic():
        return _flags_evaluate(project, worker, policy or selectors.policy_get(project))


def _flags_evaluate(project: Project, worker: User, policy: QualityPolicy) -> list[WorkerFlag]:
    return flags_raise(project, worker, policy, _findings(project, worker, policy), role=WorkerPause.Role.LABELING)


def flags_raise(
    project: Project, worker: User, policy: QualityPolicy, findings: list[tuple[str, str]], *, role: str
) -> list[WorkerFlag]:
    """Record each finding once (until resolved) and apply the policy's action to the worker in that role."""
    raised = []
    for kind, detail in findings:
        if WorkerFlag.objects.filter(project=project, worker=worker, kind=kind, resolved_at__isnull=True).exists():
            continue
        raised.append(WorkerFlag.objects.create(project=project, worker=worker, kind=kind, detail=detail))
        audit_record_project(
            actor=None, action="quality.flag", target=raised[-1], project=project, detail={"worker": worker.id}
        )
    if raised and policy.flag_action == QualityPolicy.Action.PAUSE:
        worker_pause(project=project, worker=worker, reason=" ".join(flag.detail for flag in raised), role=role)
    return raised


def _findings(project: Project, worker: User, policy: QualityPolicy) -> list[tuple[str, str]]:
    findings = []
    # After a manager lifted a pause (resolving the flags), only what the worker did since counts.
    since = selectors.last_flag_resolution(project, worker)
    accuracy = selectors.gold_accuracy_for_worker(project=project, worker=worker, since=since)
    if accuracy["answers"] >= policy.min_gold_answers and accuracy["accuracy"] < policy.accuracy_floor:
        findings.append(
            (
                WorkerFlag.Kind.GOLD,
                _("Your answers on check items were right %(score)d%% of the time; this project needs %(floor)d%%.")
                % {"score": round(accuracy["accuracy"] * 100), "floor": round(policy.accuracy_floor * 100)},
            )
        )
    own = selectors.labeler_annotations(project).filter(author=worker)
    if since:
        own = own.filter(created_at__gt=since)
    times = list(own.values_list("active_seconds", flat=True)[:500])
    if len(times) >= MIN_ANSWERS_FOR_HABITS:
        findings += _speed_and_sameness(project, own, times, policy)
    findings += _burst(own, policy)
    return findings


def _speed_and_sameness(project: Project, own, times: list[int], policy: QualityPolicy) -> list[tuple[str, str]]:
    findings = []
    project_times = list(
        selectors.labeler_annotations(project)
        .filter(active_seconds__gt=0)
        .values_list("active_seconds", flat=True)[:5000]
    )
    mine = statistics.median(times)
    if project_times and mine < statistics.median(project_times) * policy.speed_ratio:
        findings.append(
            (
                WorkerFlag.Kind.SPEED,
                _("Your usual time per item (%(mine)s s) is far below the project's (%(all)s s).")
                % {"mine": round(mine, 1), "all": round(statistics.median(project_times), 1)},
            )
        )
    answers = [repr(sorted(result.items())) for result in own.values_list("result", flat=True)[:500]]
    top = max(answers.count(answer) for answer in set(answers))
    if top / len(answers) >= policy.constant_share:
        findings.append(
            (WorkerFlag.Kind.CONSTANT, _("You gave the same answer to %(share)d%% of items.")
             % {"share": round(100 * top / len(answers))})
        )  # fmt: skip
    return findings


def _burst(own, policy: QualityPolicy) -> list[tuple[str, str]]:
    latest = own.aggregate(last=Max("created_at"))["last"]
    if latest is None:
        return []
    window = own.filter(created_at__gt=latest - timedelta(seconds=policy.burst_seconds)).aggregate(n=Count("id"))["n"]
    if window < policy.burst_count:
        return []
    return [
        (
            WorkerFlag.Kind.BURST,
            _("%(count)d answers were sent within %(seconds)d seconds.")
            % {"count": window, "seconds": policy.burst_seconds},
        )
    ]


def worker_pause(
    *, project: Project, worker: User, reason: str, actor: User | None = None, role: str = WorkerPause.Role.LABELING
) -> WorkerPause:
    """Pause a worker on one project as a labeler or as a reviewer (once per role: an existing pause is kept).
    Their next task page, or review page, shows the reason."""
    if actor is not None:
        _require_manager(actor, project)
    QualityPolicy.objects.get_or_create(project=project)  # the lease looks for pauses where a policy exists
    current = WorkerPause.objects.filter(project=project, worker=worker, role=role, lifted_at__isnull=True).first()
    if current:
        return current
    pause = WorkerPause.objects.create(project=project, worker=worker, reason=reason[:300], role=role)
    audit_record_project(
        actor=actor, action="quality.pause", target=pause, project=project, detail={"worker": worker.id}
    )
    return pause


@transaction.atomic
def worker_pause_lift(*, actor: User, project: Project, worker_id: int) -> int:
    """A manager lets the worker go on; their open flags are resolved so the same finding does not pause again
    at once. Returns how many pauses were lifted."""
    _require_manager(actor, project)
    now = timezone.now()
    lifted = WorkerPause.objects.filter(project=project, worker_id=worker_id, lifted_at__isnull=True).update(
        lifted_at=now, lifted_by=actor
    )
    WorkerFlag.objects.filter(project=project, worker_id=worker_id, resolved_at__isnull=True).update(resolved_at=now)
    audit_record_project(
        actor=actor, action="quality.pause_lift", target=None, project=project, detail={"worker": worker_id}
    )
    return lifted
