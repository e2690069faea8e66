"""Who a report is about: a team, a chair, an audience, an age band, a language."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class Filters:
    team_id: int | None = None
    chair_id: int | None = None
    audience: str | None = None
    age_band: str | None = None
    language: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """Only the filters that are set, as the report's ``filters`` shows them."""
        return {name: value for name, value in asdict(self).items() if value is not None}

    def key(self) -> str:
        """A stable text form, to find a stored snapshot for the same filters."""
        return ";".join(f"{name}={value}" for name, value in sorted(self.as_dict().items()))
