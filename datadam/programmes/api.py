"""Programmes: operators, targets, graduates' outcomes and the programme dashboard."""

from ninja import Router

from datadam.programmes import schemas, selectors

router = Router(tags=["programmes"])


@router.get("/programmes/{programme_id}/figures", response=schemas.FiguresOut)
def programme_figures_get(request, programme_id: int, start: str = "", end: str = ""):
    """Every figure of the programme dashboard for a period (`start`, `end` as YYYY-MM-DD; by default this year).

    Only the programme's operators may read it; anyone else gets 404."""
    selectors.programme_get(actor=request.auth, programme_id=programme_id)
    period = selectors.DashboardPeriod.from_query({"from": start, "to": end})
    figures = selectors.dashboard_get(actor=request.auth, programme_id=programme_id, period=period)
    return {
        "programme_id": figures["programme"].id,
        "programme": figures["programme"].name,
        "start": period.start,
        "end": period.end,
        "targets": figures["targets"],
        "overall": figures["overall"],
        "cohorts": [
            {**entry, "cohort_id": entry["cohort"].id, "cohort": str(entry["cohort"])} for entry in figures["cohorts"]
        ],
        "work": figures["work"],
    }
