from datetime import datetime
from typing import Annotated

from ninja import Schema
from pydantic import StringConstraints

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
