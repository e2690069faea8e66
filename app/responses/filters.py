"""Who a report is about: a team, a chair, an audience, an age band, a language.

Audience, age band and language are codes from fixed lists, the same wherever a report is
asked for: ``CODED_FILTERS`` is what the report form offers, what the API accepts and
what the command line accepts. Team and chair are rows, named differently by each (a
form's choice, the API's number, the command line's slug or email address).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

from app.languages import KNOWN
from app.responses.age_bands import AGE_BANDS
from app.responses.wording import AUDIENCE_NAMES


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


# Each coded filter with its codes (and what they are called).
CODED_FILTERS: dict[str, Mapping[str, Any]] = {
    "audience": AUDIENCE_NAMES,
    "age_band": AGE_BANDS,
    "language": KNOWN,
}


def unknown_code(name: str, value: str | None) -> bool:
    """``value`` is given for the coded filter ``name`` but is not one of its codes."""
    return value is not None and value not in CODED_FILTERS[name]
