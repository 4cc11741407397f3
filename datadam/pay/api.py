from ninja import Router

from datadam.pay import schemas, selectors

router = Router(tags=["pay"])


@router.get("/pay/statements/{period}", response=schemas.StatementOut)
def statement_get(request, period: str):
    """Your own statement for one month (YYYY-MM): every ledger row, the total, active hours and the hourly wage.

    A month that has not begun, or one written another way, answers 422."""
    return selectors.statement_get(actor=request.auth, period=selectors.Period.parse(period))
