"""Sending invitation emails and the one reminder; called from Celery tasks."""

from __future__ import annotations

import logging
from datetime import timedelta
from pathlib import Path

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import Session

from app import clock
from app.invite.emails import invitation_email
from app.invite.models import Invitation
from app.mail import MailBounced, send_email

log = logging.getLogger(__name__)


def _send(invitation: Invitation, reminder: bool) -> None:
    config = current_app.config
    send_email(
        invitation_email(invitation, reminder=reminder),
        smtp_url=config["SAYSO_SMTP_URL"],
        sender=config["SAYSO_MAIL_FROM"],
        sender_name=f"{config['SAYSO_SERVICE_NAME']}, {config['SAYSO_COUNCIL_NAME']}",
        outbox=Path(current_app.instance_path) / "mail",
    )


def send_invitation(session: Session, invitation_id: int) -> str:
    """Email one invitation unless it was already sent or is no longer usable.

    Idempotent: ``sent_at`` is set in the same transaction the caller commits, so a
    redelivered task finds it and does nothing. Returns what happened, for the log.
    """
    invitation = session.get(Invitation, invitation_id, with_for_update=True)
    if invitation is None or invitation.email is None:
        return "nothing to send"
    if invitation.sent_at or invitation.completed_at or invitation.revoked_at:
        return "already handled"
    try:
        _send(invitation, reminder=False)
    except MailBounced:
        invitation.bounced_at = clock.utcnow()
        return "bounced"
    invitation.sent_at = clock.utcnow()
    return "sent"


def unsent_invitation_ids(session: Session, older_than_minutes: int = 5) -> list[int]:
    """Emails whose task was lost (Redis down, worker killed): the sweep queues them again."""
    cutoff = clock.utcnow() - timedelta(minutes=older_than_minutes)
    return list(
        session.scalars(
            select(Invitation.id)
            .where(
                Invitation.email.is_not(None),
                Invitation.sent_at.is_(None),
                Invitation.bounced_at.is_(None),
                Invitation.revoked_at.is_(None),
                Invitation.completed_at.is_(None),
                Invitation.created_at <= cutoff,
                Invitation.expires_at > clock.utcnow(),
            )
            .limit(500)
        )
    )


def due_reminder_ids(session: Session, after_days: int) -> list[int]:
    """Invitations sent ``after_days`` ago or more, not completed and never reminded."""
    now = clock.utcnow()
    return list(
        session.scalars(
            select(Invitation.id)
            .where(
                Invitation.sent_at.is_not(None),
                Invitation.sent_at <= now - timedelta(days=after_days),
                Invitation.reminded_at.is_(None),
                Invitation.completed_at.is_(None),
                Invitation.revoked_at.is_(None),
                Invitation.bounced_at.is_(None),
                Invitation.email.is_not(None),
                Invitation.expires_at > now,
            )
            .limit(500)
        )
    )


def reminder_due(invitation: Invitation, after_days: int | None) -> bool:
    """May this invitation get its reminder now? ``after_days=None`` means "asked by hand"."""
    now = clock.utcnow()
    usable = (
        invitation.email is not None
        and invitation.completed_at is None
        and invitation.revoked_at is None
        and invitation.bounced_at is None
        and invitation.reminded_at is None
        and invitation.expires_at > now
        and invitation.sent_at is not None
    )
    if not usable or after_days is None:
        return usable
    return invitation.sent_at <= now - timedelta(days=after_days)


def send_reminder(session: Session, invitation_id: int, after_days: int | None) -> str:
    """The one automatic reminder: never twice, never after completion."""
    invitation = session.get(Invitation, invitation_id, with_for_update=True)
    if invitation is None or not reminder_due(invitation, after_days):
        return "not due"
    try:
        _send(invitation, reminder=True)
    except MailBounced:
        invitation.bounced_at = clock.utcnow()
        return "bounced"
    invitation.reminded_at = clock.utcnow()
    return "reminded"
