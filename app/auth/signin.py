"""Checking an email and password, with throttling of repeated failures.

Every attempt costs one argon2 verification whatever happens (unknown email, no password
yet, deactivated, throttled), so response times do not reveal which accounts exist.
Failures are logged and audited by account id; emails and passwords never are.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app import clock
from app.auth.accounts import find_account
from app.auth.audit import record_event
from app.auth.models import AuditEvent, StaffUser
from app.auth.passwords import (
    hash_password,
    needs_rehash,
    verify_password,
    waste_time_like_verify,
)

log = logging.getLogger(__name__)

MAX_FAILURES = 10
FAILURE_WINDOW = timedelta(minutes=15)
THROTTLE_FOR = timedelta(minutes=15)


@dataclass(frozen=True)
class SignInAttempt:
    """The outcome: ``user`` is set only when the person may be signed in."""

    user: StaffUser | None
    throttled: bool = False


def authenticate(session: Session, email: str, password: str) -> SignInAttempt:
    """Check an email and password, recording the outcome (the caller commits)."""
    user = find_account(session, email)
    if user is None or not user.is_active or not user.password_hash:
        waste_time_like_verify(password)
        if user is None:
            log.info("sign-in failed: no such account")
            record_event(session, None, "sign_in_failed", details={"reason": "unknown"})
        else:
            reason = "deactivated" if not user.is_active else "no_password"
            log.info("sign-in failed: staff_user=%s reason=%s", user.id, reason)
            record_event(session, None, "sign_in_failed", "staff_user", user.id, {"reason": reason})
        return SignInAttempt(None)

    correct = verify_password(user.password_hash, password)
    now = clock.utcnow()
    if user.throttled_until is not None and user.throttled_until > now:
        log.info("sign-in refused while throttled: staff_user=%s", user.id)
        record_event(session, None, "sign_in_throttled", "staff_user", user.id)
        return SignInAttempt(None, throttled=True)
    if not correct:
        return _failed(session, user)

    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.last_sign_in_at = now
    user.throttled_until = None
    record_event(session, user.id, "sign_in", "staff_user", user.id)
    log.info("signed in: staff_user=%s", user.id)
    return SignInAttempt(user)


def _failed(session: Session, user: StaffUser) -> SignInAttempt:
    log.info("sign-in failed: staff_user=%s reason=wrong_password", user.id)
    record_event(
        session, None, "sign_in_failed", "staff_user", user.id, {"reason": "wrong_password"}
    )
    session.flush()
    if recent_failures(session, user.id) < MAX_FAILURES:
        return SignInAttempt(None)
    user.throttled_until = clock.utcnow() + THROTTLE_FOR
    log.warning("account throttled after %s failed sign-ins: staff_user=%s", MAX_FAILURES, user.id)
    record_event(
        session, None, "account_throttled", "staff_user", user.id, {"failures": MAX_FAILURES}
    )
    return SignInAttempt(None, throttled=True)


def recent_failures(session: Session, user_id: int) -> int:
    """Wrong passwords for this account within the failure window."""
    since = clock.utcnow() - FAILURE_WINDOW
    return (
        session.scalar(
            select(func.count())
            .select_from(AuditEvent)
            .where(
                AuditEvent.object_type == "staff_user",
                AuditEvent.object_id == str(user_id),
                AuditEvent.action == "sign_in_failed",
                AuditEvent.at > since,
            )
        )
        or 0
    )
