"""Making, checking and revoking API tokens. Callers commit; nothing here does."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import clock
from app.api.models import ApiToken
from app.auth.models import StaffUser
from app.crypto import hash_secret

# A recognisable prefix lets secret scanners and people spot a leaked token.
PREFIX = "sayso_"
# How often "last used" is written: often enough to spot an unused token, rarely
# enough that a busy integration does not write on every request.
LAST_USED_EVERY = timedelta(minutes=5)


@dataclass(frozen=True)
class NewToken:
    record: ApiToken
    token: str  # shown to its owner once, then only its hash exists


def create_api_token(session: Session, user: StaffUser, name: str, key: str) -> NewToken:
    """A new token for ``user``; ``key`` is the app's secret key."""
    token = PREFIX + secrets.token_urlsafe(32)
    record = ApiToken(user_id=user.id, name=name.strip(), token_hash=hash_secret(token, key))
    session.add(record)
    session.flush()
    return NewToken(record, token)


def find_live_token(session: Session, token: str, key: str) -> ApiToken | None:
    """The token's record if it exists, is not revoked and its owner is active.

    Marks it used (at most every few minutes).
    """
    if not token.startswith(PREFIX) or len(token) > 100:
        return None
    record = session.scalar(select(ApiToken).where(ApiToken.token_hash == hash_secret(token, key)))
    if record is None or not record.is_live:
        return None
    now = clock.utcnow()
    if record.last_used_at is None or now - record.last_used_at >= LAST_USED_EVERY:
        record.last_used_at = now
    return record


def tokens_of(session: Session, user_id: int) -> list[ApiToken]:
    """A person's tokens, live ones first, newest first."""
    return list(
        session.scalars(
            select(ApiToken)
            .where(ApiToken.user_id == user_id)
            .order_by(ApiToken.revoked_at.is_not(None), ApiToken.created_at.desc())
        )
    )


def revoke_api_token(record: ApiToken) -> bool:
    """Stop a token working; False if it already had been."""
    if record.revoked_at is not None:
        return False
    record.revoked_at = clock.utcnow()
    return True
