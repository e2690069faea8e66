"""Personal links by text message through GOV.UK Notify, and Notify's delivery receipts."""

from __future__ import annotations

import logging

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import Session

from app import clock
from app.invite.models import Invitation
from app.invite.texts import send_invitation_text
from app.messaging.notify import NotifyRefused, notify_settings

log = logging.getLogger(__name__)

# Notify's statuses for a text message (its documented callback values).
TEXT_STATUSES = frozenset(
    {"sending", "delivered", "permanent-failure", "temporary-failure", "technical-failure"}
)


def text_reference(invitation_id: int) -> str:
    """What Sayso asks Notify to quote back in the delivery receipt."""
    return f"invitation-{invitation_id}"


def text_invitation(session: Session, invitation_id: int) -> str:
    """Text one personal link unless it was already texted or is no longer usable.

    Idempotent like the email: ``text_sent_at`` is set in the caller's transaction."""
    invitation = session.get(Invitation, invitation_id, with_for_update=True)
    if invitation is None or invitation.mobile is None:
        return "nothing to send"
    if invitation.text_sent_at or invitation.completed_at or invitation.revoked_at:
        return "already handled"
    settings = notify_settings(current_app.config)
    if settings is None or not settings.sms_template:
        return "text messages are not set up"
    now = clock.utcnow()
    try:
        notification_id = send_invitation_text(
            settings, invitation, invitation.mobile, text_reference(invitation.id)
        )
    except NotifyRefused:
        invitation.text_sent_at, invitation.text_status = now, "permanent-failure"
        return "refused"
    invitation.text_sent_at, invitation.text_status = now, "sending"
    invitation.text_notification_id = notification_id
    return "sent"


def record_text_receipt(
    session: Session, notification_id: str, reference: str, status: str
) -> bool:
    """Keep what Notify says became of a text; ``False`` if it is not one of Sayso's."""
    if status not in TEXT_STATUSES:
        return False
    invitation = session.scalars(
        select(Invitation).where(Invitation.text_notification_id == notification_id)
    ).one_or_none()
    if invitation is None or text_reference(invitation.id) != reference:
        return False
    invitation.text_status = status
    log.info("text for invitation %d: %s", invitation.id, status)
    return True
