"""Record keys: the fixed random number each response and invitation gets when stored.

Kept apart from :mod:`app.responses.disclosure` so the models can import it without the
report package. A record key is never shown anywhere; see ``docs/disclosure-control.md``.
"""

from __future__ import annotations

from secrets import randbelow

KEY_RANGE = 256


def new_record_key() -> int:
    """A fresh record key from 0 to ``KEY_RANGE - 1``."""
    return randbelow(KEY_RANGE)
