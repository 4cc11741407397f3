"""Field types for API schemas."""

from typing import Annotated

from pydantic import Field, StringConstraints

# PostgreSQL cannot store U+0000, so text with it is refused at the door with a 422.
CleanStr = Annotated[str, StringConstraints(pattern=r"^[^\x00]*$")]
ShortStr = Annotated[str, StringConstraints(pattern=r"^[^\x00]*$", min_length=1, max_length=200, strip_whitespace=True)]
Id = Annotated[int, Field(ge=1, le=2**63 - 1)]
