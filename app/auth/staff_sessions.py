"""Server-side records of signed-in browsers, with idle and absolute time limits.

The browser's signed cookie carries a random token; the record holds its hash. Ending a
session revokes the record, so a copied cookie stops working at once.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import clock
from app.auth.models import StaffSession, StaffUser
from app.auth.tokens import hash_token, new_token


def start_staff_session(session: Session, user: StaffUser) -> str:
    """Record a new signed-in browser for ``user``; returns the token for its cookie."""
    token = new_token()
    now = clock.utcnow()
    session.add(
        StaffSession(
            token_hash=hash_token(token),
            user_id=user.id,
            created_at=now,
            last_seen_at=now,
            revoked=False,
        )
    )
    session.flush()
    return token


def find_live_staff_session(
    session: Session, token: str, idle: timedelta, max_age: timedelta
) -> StaffSession | None:
    """The session for ``token`` if it is still usable, marking it seen now.

    A session that has been idle too long or has lasted too long is revoked here, so it
    can never come back to life if the clock or the limits change.
    """
    record = session.scalar(
        select(StaffSession).where(StaffSession.token_hash == hash_token(token))
    )
    if record is None or record.revoked or not record.user.is_active:
        return None
    now = clock.utcnow()
    if now - record.last_seen_at > idle or now - record.created_at > max_age:
        record.revoked = True
        return None
    record.last_seen_at = now
    return record


def end_staff_session(session: Session, token: str) -> StaffSession | None:
    """Revoke the session for ``token``; returns it, or None if there was none."""
    record = session.scalar(
        select(StaffSession).where(StaffSession.token_hash == hash_token(token))
    )
    if record is None or record.revoked:
        return None
    record.revoked = True
    return record
