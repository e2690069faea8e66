"""A child's disclosure is read only by the people who must read it.

Free text the safeguarding screen flagged (``Answer.flagged``) is shown to safeguarding
leads on the alert page and nowhere else: every query that shows comment text to other
roles (theme pages, quotes, emerging-theme terms, exports, the API) adds
:func:`not_flagged`. Counts may include such comments; their words never leave.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, exists
from sqlalchemy.orm import InstrumentedAttribute

from app.responses.models import Answer


def not_flagged(answer_id: InstrumentedAttribute[int]) -> ColumnElement[bool]:
    """True for the comments whose text may be shown beyond safeguarding leads."""
    return ~exists().where(Answer.id == answer_id, Answer.flagged.is_(True))
