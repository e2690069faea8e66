"""Age bands: reports group ages into bands, so a single child's age is never shown.

Defined once here, and worked out the same way in Python (when a response is stored)
and in SQL (when invitations are counted by the band of the child at the meeting).
"""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import case, null
from sqlalchemy.sql.elements import ColumnElement

# Each band with the first age past it (None: no upper end), youngest first.
BANDS: tuple[tuple[str, int | None], ...] = (
    ("under-8", 8),
    ("8-11", 12),
    ("12-15", 16),
    ("16-18", 19),
    ("19-25", None),
)
AGE_BANDS = {
    "under-8": _l("Under 8"),
    "8-11": _l("8 to 11"),
    "12-15": _l("12 to 15"),
    "16-18": _l("16 to 18"),
    "19-25": _l("19 to 25"),
}


def age_band(age: int) -> str:
    """The band of a child ``age`` years old."""
    for band, past in BANDS:
        if past is None or age < past:
            return band
    raise AssertionError("the last band has no upper end")


def age_band_of(age: Any) -> ColumnElement[str]:
    """The band of an age column, in SQL (NULL for an unknown age)."""
    whens: list[tuple[Any, Any]] = [(age.is_(None), null())]
    whens += [(age < past, band) for band, past in BANDS if past is not None]
    return case(*whens, else_=BANDS[-1][0])
