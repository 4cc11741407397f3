from ninja import Router, Status

from datadam.assist import runs, schemas, selectors, services

router = Router(tags=["assist"])


@router.get("/projects/{project_id}/assist", response=schemas.AssistOut)
def assist_get(request, project_id: int):
    """The project's assistant: its settings, the model card of the last run and recent problems (managers)."""
    return selectors.assist_overview_get(actor=request.auth, project_id=project_id)


@router.patch("/projects/{project_id}/assist", response=schemas.AssistOut)
def assist_update(request, project_id: int, payload: schemas.AssistSettingsIn):
    """Switch the assistant on or off, pick its kind, queue order, retraining and backend settings."""
    overview = selectors.assist_overview_get(actor=request.auth, project_id=project_id)
    services.assist_settings_update(actor=request.auth, project=overview.project, **payload.dict(exclude_none=True))
    return selectors.assist_overview_get(actor=request.auth, project_id=project_id)


@router.post("/projects/{project_id}/assist/run", response={202: dict})
def assist_run(request, project_id: int):
    """Train (built-in) or ask the backend now, in the background; pre-labels and queue order follow."""
    overview = selectors.assist_overview_get(actor=request.auth, project_id=project_id)
    runs.assist_run_request(actor=request.auth, project=overview.project)
    return Status(202, {"queued": True})


@router.post("/projects/{project_id}/assist/health", response=schemas.BackendHealthOut)
def assist_backend_health(request, project_id: int):
    """Ask the project's model backend for its health now (422 with the reason when it fails)."""
    overview = selectors.assist_overview_get(actor=request.auth, project_id=project_id)
    health = services.backend_health_check(actor=request.auth, project=overview.project)
    return {"status": health["status"], "model": str(health.get("model") or "")[:100] or None}
