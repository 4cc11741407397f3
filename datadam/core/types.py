"""Field types for API schemas."""

from typing import Annotated

from pydantic import AfterValidator, Field, StringConstraints

from datadam.core.text import unstorable_reason


def _storable(value: str) -> str:
    if reason := unstorable_reason(value):
        raise ValueError(reason)
    return value


# PostgreSQL cannot store U+0000 or lone surrogates, so text with them is refused at the door with a 422.
CleanStr = Annotated[str, StringConstraints(pattern=r"^[^\x00]*$"), AfterValidator(_storable)]
ShortStr = Annotated[CleanStr, StringConstraints(min_length=1, max_length=200, strip_whitespace=True)]
Id = Annotated[int, Field(ge=1, le=2**63 - 1)]
