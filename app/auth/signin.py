"""Checking an email and password, with growing delays after repeated failures.

Delays are kept per *source*: one email typed from one address (a keyed hash of both,
never either in clear). A guesser at one address slows only their own guesses at that
email; the account holder signing in from anywhere else is never held up, so nobody can
lock a colleague out (a safeguarding lead must always be able to reach their alerts).
A source's first few failures cost nothing; after that each one doubles the wait before
the next attempt is even checked, up to :data:`LONGEST_DELAY`. The rule is the same
whether or not an account exists, so the refusal says nothing about which emails do.

Many failures on one account, from wherever they come, are told to its holder by email
(see :func:`failures_worth_warning`), at most once a day.

Every attempt costs one argon2 verification whatever happens (unknown email, no password
yet, deactivated, delayed), so response times do not reveal which accounts exist.
Failures are logged and audited by account id and source hash; emails, addresses and
passwords never are.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app import clock
from app.auth.accounts import find_account, normalise_email
from app.auth.audit import record_event
from app.auth.models import AuditEvent, StaffUser
from app.auth.passwords import (
    hash_password,
    needs_rehash,
    verify_password,
    waste_time_like_verify,
)

log = logging.getLogger(__name__)

FREE_FAILURES = 3
FIRST_DELAY = timedelta(seconds=5)
LONGEST_DELAY = timedelta(minutes=15)
# A source's failures older than this are forgotten.
SOURCE_MEMORY = timedelta(days=1)
# This many failures on one account within FAILURE_WINDOW, from anywhere, and its holder
# is told (once per WARNING_EVERY).
WARN_AFTER_FAILURES = 10
FAILURE_WINDOW = timedelta(hours=1)
WARNING_EVERY = timedelta(days=1)


@dataclass(frozen=True)
class SignInAttempt:
    """The outcome: ``user`` is set only when the person may be signed in; ``wait`` is
    set when the attempt was refused unchecked because its source must wait."""

    user: StaffUser | None
    wait: timedelta | None = None


def attempt_source(secret: str, email: str, address: str) -> str:
    """Who is trying which account, as a keyed hash: the same email from the same address."""
    value = f"sign-in-source:{normalise_email(email)}:{address}".encode()
    return hmac.new(secret.encode(), value, hashlib.sha256).hexdigest()[:32]


def delay_after(failures: int) -> timedelta:
    """How long a source waits after its ``failures``-th failure in a row."""
    if failures < FREE_FAILURES:
        return timedelta(0)
    return min(LONGEST_DELAY, FIRST_DELAY * 2 ** (failures - FREE_FAILURES))


def authenticate(session: Session, email: str, password: str, source: str) -> SignInAttempt:
    """Check an email and password from ``source``, recording the outcome (the caller commits)."""
    wait = wait_for(session, source)
    if wait > timedelta(0):
        waste_time_like_verify(password)
        log.info("sign-in refused while its source waits: wait_seconds=%d", wait.total_seconds())
        record_event(session, None, "sign_in_throttled", details={"source": source})
        return SignInAttempt(None, wait=wait)
    user = find_account(session, email)
    if user is None or not user.is_active or not user.password_hash:
        waste_time_like_verify(password)
        _record_unusable(session, user, source)
        return SignInAttempt(None)
    if not verify_password(user.password_hash, password):
        log.info("sign-in failed: staff_user=%s reason=wrong_password", user.id)
        record_event(
            session,
            None,
            "sign_in_failed",
            "staff_user",
            user.id,
            {"reason": "wrong_password", "source": source},
        )
        return SignInAttempt(None)
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.last_sign_in_at = clock.utcnow()
    record_event(session, user.id, "sign_in", "staff_user", user.id, {"source": source})
    log.info("signed in: staff_user=%s", user.id)
    return SignInAttempt(user)


def _record_unusable(session: Session, user: StaffUser | None, source: str) -> None:
    if user is None:
        log.info("sign-in failed: no such account")
        record_event(
            session, None, "sign_in_failed", details={"reason": "unknown", "source": source}
        )
        return
    reason = "deactivated" if not user.is_active else "no_password"
    log.info("sign-in failed: staff_user=%s reason=%s", user.id, reason)
    details = {"reason": reason, "source": source}
    record_event(session, None, "sign_in_failed", "staff_user", user.id, details)


def wait_for(session: Session, source: str) -> timedelta:
    """How much longer ``source`` must wait before its next attempt is checked."""
    now = clock.utcnow()
    failures, last = _failures_since_last_success(session, source, now - SOURCE_MEMORY)
    if not failures or last is None:
        return timedelta(0)
    return max(timedelta(0), last + delay_after(failures) - now)


def _failures_since_last_success(
    session: Session, source: str, since: datetime
) -> tuple[int, datetime | None]:
    same_source = AuditEvent.details["source"].as_string() == source
    last_success = session.scalar(
        select(func.max(AuditEvent.at)).where(
            AuditEvent.action == "sign_in", AuditEvent.at > since, same_source
        )
    )
    count, last = session.execute(
        select(func.count(), func.max(AuditEvent.at)).where(
            AuditEvent.action == "sign_in_failed",
            AuditEvent.at > max(since, last_success or since),
            same_source,
        )
    ).one()
    return int(count or 0), last


def recent_failures(session: Session, user_id: int) -> int:
    """Failed sign-ins to this account, from anywhere, within the failure window."""
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


def failures_worth_warning(session: Session, email: str) -> int | None:
    """The account to tell about many recent failed sign-ins, if any is due a warning.

    Records the warning as sent (the caller commits and then queues the email), so
    concurrent failures queue one email, not one each.
    """
    user = find_account(session, email)
    if (
        user is None
        or not user.is_active
        or recent_failures(session, user.id) < WARN_AFTER_FAILURES
    ):
        return None
    already = session.scalar(
        select(func.count())
        .select_from(AuditEvent)
        .where(
            AuditEvent.object_type == "staff_user",
            AuditEvent.object_id == str(user.id),
            AuditEvent.action == "sign_in_warning_sent",
            AuditEvent.at > clock.utcnow() - WARNING_EVERY,
        )
    )
    if already:
        return None
    record_event(
        session,
        None,
        "sign_in_warning_sent",
        "staff_user",
        user.id,
        {"failures": WARN_AFTER_FAILURES},
    )
    log.warning("many failed sign-ins; telling the account holder: staff_user=%s", user.id)
    return user.id
