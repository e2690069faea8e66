"""The audit trail: who did what to which object, and when.

Every feature records its events with :func:`record_event`. Details are codes and
numbers, never free text (no emails, names, comments, passwords or tokens): the trail is
read by administrators and kept for years, so it must not become a copy of sensitive data.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy.orm import Session

from app import clock
from app.auth.models import AuditEvent

# Identifier-like strings only: anything a person typed (an email has "@", a comment has
# spaces) is refused before it can reach the table.
CODE = re.compile(r"^[A-Za-z0-9_.:-]{0,64}$")

Detail = str | int | float | bool | None


def record_event(
    session: Session,
    actor_id: int | None,
    action: str,
    object_type: str | None = None,
    object_id: str | int | None = None,
    details: dict[str, Detail] | None = None,
) -> AuditEvent:
    """Add an audit event to the session (the caller commits with its own work)."""
    checked = _checked_details(details or {})
    event = AuditEvent(
        at=clock.utcnow(),
        actor_id=actor_id,
        action=action,
        object_type=object_type,
        object_id=None if object_id is None else str(object_id),
        details=checked,
    )
    session.add(event)
    return event


def _checked_details(details: dict[str, Any]) -> dict[str, Detail]:
    for key, value in details.items():
        if not CODE.match(key):
            raise ValueError(f"audit detail key {key!r} is not a code")
        if isinstance(value, str) and not CODE.match(value):
            raise ValueError(f"audit detail {key!r} looks like free text")
        if not isinstance(value, str | int | float | bool | type(None)):
            raise ValueError(f"audit detail {key!r} must be a code or a number")
    return dict(details)
