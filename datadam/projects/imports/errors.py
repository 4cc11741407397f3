from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class RowError:
    """One bad row: where it is and why, in words a person can act on."""

    file: str
    line: int
    reason: str

    def as_dict(self) -> dict:
        return asdict(self)

    def __str__(self) -> str:
        return f"{self.file}, line {self.line}: {self.reason}"
