from collections.abc import Iterable
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


def problems_group(errors: Iterable[dict], *, shown: int = 12) -> list[dict]:
    """One entry per distinct problem with the lines it affects, in the order problems first appear:
    [{"reason", "file", "lines": [3, 7, 12], "count": 3, "more": 0}]. `more` counts lines beyond the `shown`."""
    groups: dict[tuple[str, str], list[int]] = {}
    for error in errors:
        groups.setdefault((error.get("file", ""), error.get("reason", "")), []).append(int(error.get("line", 0)))
    return [
        {
            "file": file,
            "reason": reason,
            "lines": lines[:shown],
            "count": len(lines),
            "more": max(0, len(lines) - shown),
        }
        for (file, reason), lines in groups.items()
    ]
