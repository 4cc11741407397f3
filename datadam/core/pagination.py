"""API list paging with bounds: a page size or offset past what the database can take is a 422, not a 500."""

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

MAX_PAGE_SIZE = 1000
MAX_OFFSET = 2**53


class BoundedLimitOffset(LimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(100, ge=1, le=MAX_PAGE_SIZE)
        offset: int = Field(0, ge=0, le=MAX_OFFSET)
