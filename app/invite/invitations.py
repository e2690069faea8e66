"""Creating invitations and following one link through opened, started and completed."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import clock
from app.crypto import hash_secret
from app.invite.models import Invitation
from app.responses.age_bands import age_band
from app.survey.models import Survey


class InvitationError(ValueError):
    """An invitation that cannot be made, with a message for the person making it."""


@dataclass(frozen=True)
class NewInvitation:
    invitation: Invitation
    token: str

    def link(self, base_url: str) -> str:
        return f"{base_url.rstrip('/')}/r/{self.token}"


def invitation_token(salt: str, key: str) -> str:
    """The link token: 128 bits derived from a random per-invitation salt and the secret key.

    The database keeps the salt and a hash of the token, never the token: a copy of the
    database alone cannot open any link, yet reminders and retried emails can rebuild it.
    22 URL-safe characters keep the whole link short enough for a text message.
    """
    digest = hmac.new(key.encode(), f"sayso-invitation:{salt}".encode(), hashlib.sha256)
    return base64.urlsafe_b64encode(digest.digest()[:16]).decode().rstrip("=")


def invitation_link(invitation: Invitation, key: str, base_url: str) -> str:
    return f"{base_url.rstrip('/')}/r/{invitation_token(invitation.token_salt, key)}"


def create_invitation(
    session: Session,
    *,
    survey_id: str,
    key: str,
    days: int,
    language: str = "en",
    email: str | None = None,
    meeting_id: int | None = None,
    created_by_id: int | None = None,
    team_id: int | None = None,
    respondent_role: str | None = None,
    context: dict[str, Any] | None = None,
) -> NewInvitation:
    """Make one invitation; the caller commits and then queues any email."""
    survey = session.get(Survey, survey_id)
    if survey is None or survey.current_version_id is None:
        raise InvitationError(f"There is no published survey called {survey_id!r}.")
    salt = secrets.token_hex(16)
    token = invitation_token(salt, key)
    now = clock.utcnow()
    invitation = Invitation(
        token_salt=salt,
        token_hash=hash_secret(token, key),
        survey_id=survey_id,
        meeting_id=meeting_id,
        created_by_id=created_by_id,
        team_id=team_id,
        respondent_role=respondent_role,
        language=language,
        delivery="email" if email else "link",
        email=email,
        context=dict(context or {}),
        created_at=now,
        expires_at=now + timedelta(days=days),
    )
    session.add(invitation)
    session.flush()
    return NewInvitation(invitation, token)


def find_invitation(session: Session, token: str, key: str) -> Invitation | None:
    """The invitation for a link's token, whatever its state, or None if there is none."""
    if not token or len(token) > 64:
        return None
    return session.scalar(
        select(Invitation).where(Invitation.token_hash == hash_secret(token, key))
    )


def link_problem(invitation: Invitation | None, now: datetime) -> str | None:
    """Why a link cannot be used: 'unknown', 'revoked', 'expired', 'completed', or None."""
    if invitation is None:
        return "unknown"
    if invitation.completed_at:
        return "completed"
    if invitation.revoked_at:
        return "revoked"
    if invitation.expires_at <= now:
        return "expired"
    return None


def mark_opened(invitation: Invitation) -> None:
    invitation.opened_at = invitation.opened_at or clock.utcnow()


def mark_started(invitation: Invitation) -> None:
    invitation.started_at = invitation.started_at or clock.utcnow()


def mark_completed(invitation: Invitation) -> None:
    """Completed links cannot be used again, and the email address is no longer needed."""
    invitation.completed_at = invitation.completed_at or clock.utcnow()
    invitation.email = None


def revoke_invitation(invitation: Invitation) -> None:
    invitation.revoked_at = invitation.revoked_at or clock.utcnow()


def link_may_be_shown(invitation: Invitation) -> bool:
    """Staff see a working link once, to pass on by hand: never one that is emailed, and
    after that first time, its state only."""
    return (
        invitation.email is None
        and invitation.mobile is None
        and invitation.link_shown_at is None
        and invitation.sent_at is None
        and invitation.completed_at is None
        and invitation.revoked_at is None
    )


def fresh_invitation(session: Session, old: Invitation, key: str, days: int) -> NewInvitation:
    """A new link for the same person (to send it again); the old link stops opening.

    Anything they already typed stays in their own browser, which can still send it: the
    fresh link never carries their draft, so whoever holds it cannot read their answers.
    The caller commits and then queues the email, if there is an address.
    """
    new = create_invitation(
        session,
        survey_id=old.survey_id,
        key=key,
        days=days,
        language=old.language,
        email=old.email,
        meeting_id=old.meeting_id,
        created_by_id=old.created_by_id,
        team_id=old.team_id,
        respondent_role=old.respondent_role,
        context=dict(old.context or {}),
    )
    new.invitation.mobile = old.mobile
    revoke_invitation(old)
    return new


def response_context(invitation: Invitation) -> dict[str, Any]:
    """What a response records about where it came from: the meeting, never a person."""
    context: dict[str, Any] = dict(invitation.context or {})
    context["respondent_role"] = invitation.respondent_role
    context["team_id"] = invitation.team_id
    meeting = invitation.meeting
    if meeting is not None:
        context["meeting_kind"] = meeting.kind
        context["meeting_id"] = meeting.id
        context["chair_id"] = meeting.chair_id
        if meeting.child_age is not None:
            context["age_band"] = age_band(meeting.child_age)
    return {k: v for k, v in context.items() if v is not None}
