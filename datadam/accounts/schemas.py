from datetime import datetime
from typing import Annotated

from ninja import Schema
from pydantic import Field, StringConstraints

from datadam.core.types import ShortStr


class UserOut(Schema):
    id: int
    username: str
    display_name: str


class OrganizationOut(Schema):
    id: int
    name: str
    slug: str
    kind: str
    currency: str
    minimum_hourly_wage: int


class OrganizationSettingsIn(Schema):
    currency: str | None = Field(default=None, description="Three-letter currency code, e.g. KRW")
    minimum_hourly_wage: int | None = Field(
        default=None, description="In the currency's minor unit (won have none); wages are measured against it"
    )


class TokenCreateIn(Schema):
    name: Annotated[ShortStr, StringConstraints(max_length=100)]


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None


class TokenCreatedOut(TokenOut):
    token: str
