from ninja import Router, Status

from datadam.accounts import schemas, selectors, services
from datadam.core.types import Id

router = Router(tags=["accounts"])


@router.get("/me", response=schemas.UserOut)
def me_get(request):
    return request.auth


@router.get("/organizations", response=list[schemas.OrganizationOut])
def organization_list(request):
    return selectors.organization_list(actor=request.auth)


@router.patch("/organizations/{organization_id}", response=schemas.OrganizationOut)
def organization_settings_update(request, organization_id: Id, payload: schemas.OrganizationSettingsIn):
    """Owners and managers change the currency and the minimum hourly wage that pay is measured against."""
    return services.organization_settings_update(
        actor=request.auth, organization_id=organization_id, **payload.dict(exclude_unset=True)
    )


@router.get("/tokens", response=list[schemas.TokenOut])
def token_list(request):
    return selectors.token_list(actor=request.auth)


@router.post("/tokens", response={201: schemas.TokenCreatedOut})
def token_create(request, payload: schemas.TokenCreateIn):
    token, plain = services.token_create(user=request.auth, name=payload.name)
    token.token = plain
    return Status(201, token)


@router.delete("/tokens/{token_id}", response={204: None})
def token_revoke(request, token_id: Id):
    services.token_revoke(user=request.auth, token_id=token_id)
    return Status(204, None)
