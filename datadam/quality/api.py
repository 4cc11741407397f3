"""Quality engine: gold and honeypots, agreement, aggregation, sampling inspection, fraud flags."""

from ninja import Router, Status

from datadam.core.types import Id
from datadam.projects import selectors as project_selectors
from datadam.quality import consensus, inspection, schemas, selectors, services

router = Router(tags=["quality"])


@router.get("/projects/{project_id}/quality/workers", response=list[schemas.WorkerRowOut])
def quality_worker_list(request, project_id: Id, sort: str = "worker", flagged: bool = False):
    """Per-worker figures for the project's managers: gold accuracy with its 95 % interval, agreement, flags."""
    project = project_selectors.project_managed_get(actor=request.auth, project_id=project_id)
    rows = selectors.worker_table(project, sort=sort[:30], flagged_only=flagged)
    return [
        {
            **row,
            "worker": row["worker"].username,
            "flags": [flag.kind for flag in row["flags"]],
        }
        for row in rows
    ]


@router.get("/projects/{project_id}/quality/agreement", response=schemas.AgreementOut)
def quality_agreement(request, project_id: Id):
    """Krippendorff's α, Fleiss' κ and Cohen's κ per pair, per control. 422 'needs overlap ≥ 2' without overlap."""
    project = project_selectors.project_managed_get(actor=request.auth, project_id=project_id)
    report = selectors.agreement_report(project)
    names = selectors.usernames(report)
    return {
        "alpha": report["alpha"],
        "controls": [
            {
                **control,
                "pairs": [
                    {"a": names[a], "b": names[b], "kappa": kappa, "items": items}
                    for (a, b), (kappa, items) in control["pairs"].items()
                ],
                "labels": {str(label): share for label, (share, _n) in control["labels"].items()},
                "workers": {names[worker]: mean for worker, (mean, _n) in control["workers"].items()},
            }
            for control in report["controls"]
        ],
    }


@router.get("/projects/{project_id}/quality/mine", response=schemas.MyQualityOut)
def quality_mine(request, project_id: Id):
    """Your own figures on a project you work on."""
    project = project_selectors.project_get(actor=request.auth, project_id=project_id)
    quality = selectors.worker_quality_get(project=project, worker=request.auth)
    feedback = quality["feedback"]
    return {
        **quality,
        "accepted": feedback["accepted"],
        "rejected": feedback["rejected"],
        "corrected": feedback["corrected"],
        "paused": quality["pause"].reason if quality["pause"] else None,
    }


@router.get("/projects/{project_id}/quality/policy", response=schemas.PolicyOut)
def quality_policy_get(request, project_id: Id):
    project = project_selectors.project_managed_get(actor=request.auth, project_id=project_id)
    return selectors.policy_get(project)


@router.patch("/projects/{project_id}/quality/policy", response=schemas.PolicyOut)
def quality_policy_update(request, project_id: Id, payload: schemas.PolicyIn):
    project = project_selectors.project_managed_get(actor=request.auth, project_id=project_id)
    return services.policy_update(actor=request.auth, project=project, **payload.dict(exclude_none=True))


@router.post("/projects/{project_id}/quality/gold", response={201: schemas.GoldOut})
def quality_gold_create(request, project_id: Id, payload: schemas.GoldIn):
    """Add a gold item with its answer (validated against the schema); it is served as a honeypot."""
    project = project_selectors.project_managed_get(actor=request.auth, project_id=project_id)
    return Status(201, services.gold_item_create(actor=request.auth, project=project, **payload.dict()))


@router.post("/projects/{project_id}/quality/gold/promote", response={201: schemas.GoldOut})
def quality_gold_promote(request, project_id: Id, payload: schemas.GoldPromoteIn):
    """Make an item with accepted work gold; its newest accepted version (a correction wins) is the answer."""
    project = project_selectors.project_managed_get(actor=request.auth, project_id=project_id)
    gold = services.gold_item_promote(
        actor=request.auth, project=project, item_id=payload.item_id, explanation=payload.explanation
    )
    return Status(201, gold)


@router.post("/projects/{project_id}/quality/workers/{worker_id}/lift", response=schemas.LiftOut)
def quality_pause_lift(request, project_id: Id, worker_id: Id):
    """Let a paused worker go on; their open flags are marked seen."""
    project = project_selectors.project_managed_get(actor=request.auth, project_id=project_id)
    return {"lifted": services.worker_pause_lift(actor=request.auth, project=project, worker_id=worker_id)}


@router.post("/projects/{project_id}/quality/refresh", response=schemas.RefreshOut)
def quality_refresh(request, project_id: Id):
    """Recompute consensus (raising the overlap of items with low agreement) and cut full inspection lots."""
    project = project_selectors.project_managed_get(actor=request.auth, project_id=project_id)
    result = consensus.consensus_refresh(project=project)
    return {**result, "lots": len(inspection.lots_form(project=project))}
