from pydantic import BaseModel, ConfigDict, Field

NAME_PATTERN = r"^[A-Za-z_][A-Za-z0-9_\-]{0,63}$"


class ControlConfig(BaseModel):
    """Fields every control has. Unknown keys are refused so typos are caught early."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(pattern=NAME_PATTERN, description="Key of this control in an annotation's result")
    title: str = Field(default="", max_length=200, description="What the worker sees above the control")
    required: bool = True
