"""Meetings (a review or conference) and the personal invitations sent after them."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, ForeignKey, SmallInteger, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.clock import utcnow
from app.extensions import db
from app.responses.keys import new_record_key

# Labels are translated when shown (an email goes out in the invited person's language).
RESPONDENT_ROLES = {
    "child": _l("Child or young person"),
    "parent": _l("Parent"),
    "carer": _l("Carer"),
    "social_worker": _l("Social worker"),
    "other_professional": _l("Other professional"),
}
# What a reviewing officer sees of a link's progress (``Invitation.state``).
STATE_LABELS = {
    "completed": _l("completed"),
    "revoked": _l("stopped"),
    "expired": _l("expired"),
    "bounced": _l("email bounced"),
    "not delivered": _l("not delivered"),
    "started": _l("started"),
    "opened": _l("opened"),
    "delivered": _l("delivered"),
    "sent": _l("sent"),
    "created": _l("created"),
}


class Meeting(db.Model):
    """A review or conference that feedback is asked about. No names are stored."""

    __tablename__ = "meeting"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    held_on: Mapped[date]
    team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id"), index=True)
    chair_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"), index=True)
    child_age: Mapped[int | None]
    # Kept for safeguarding follow-up only; never shown in reports or exports.
    case_reference: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    invitations: Mapped[list[Invitation]] = relationship(
        back_populates="meeting", order_by="Invitation.id"
    )


# Notify's delivery receipts that mean the text will never arrive.
TEXT_FAILED = frozenset({"permanent-failure", "technical-failure"})


class Invitation(db.Model):
    """One person's link. The token itself is never stored (see ``invitation_token``)."""

    __tablename__ = "invitation"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_salt: Mapped[str] = mapped_column(String(32))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    survey_id: Mapped[str] = mapped_column(ForeignKey("survey.id"), index=True)
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meeting.id"), index=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"), index=True)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id"), index=True)
    respondent_role: Mapped[str | None] = mapped_column(String(32))
    language: Mapped[str] = mapped_column(String(16), default="en")
    delivery: Mapped[str] = mapped_column(String(16), default="link")
    # Needed to send the link and one reminder; cleared once the response is in.
    email: Mapped[str | None] = mapped_column(String(254))
    # A UK mobile for the link by text message (GOV.UK Notify), and what Notify last said.
    mobile: Mapped[str | None] = mapped_column(String(20))
    text_sent_at: Mapped[datetime | None]
    text_status: Mapped[str | None] = mapped_column(String(24))
    text_notification_id: Mapped[str | None] = mapped_column(String(36), index=True)
    context: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(index=True)
    sent_at: Mapped[datetime | None]
    opened_at: Mapped[datetime | None]
    started_at: Mapped[datetime | None]
    completed_at: Mapped[datetime | None]
    bounced_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]
    reminded_at: Mapped[datetime | None]
    # When staff were first shown the working link (on the meeting page, to pass it on).
    # After that, or once it was emailed, staff see its state only: the link is the
    # invited person's, and a fresh link is the way to send it again.
    link_shown_at: Mapped[datetime | None]
    # See Response.record_key: perturbs the response rate's counts (app.responses.disclosure).
    record_key: Mapped[int] = mapped_column(SmallInteger, default=new_record_key)

    meeting: Mapped[Meeting | None] = relationship(back_populates="invitations")

    def state_label(self, now: datetime) -> str:
        """:meth:`state` in the page's language."""
        state = self.state(now)
        return str(STATE_LABELS.get(state, state))

    def state(self, now: datetime) -> str:
        """The one word a reviewing officer needs to see."""
        if self.completed_at:
            return "completed"
        if self.revoked_at:
            return "revoked"
        if self.expires_at <= now:
            return "expired"
        if self.bounced_at:
            return "bounced"
        if self.text_status in TEXT_FAILED:
            return "not delivered"
        if self.started_at:
            return "started"
        if self.opened_at:
            return "opened"
        if self.text_status == "delivered":
            return "delivered"
        if self.sent_at or self.text_sent_at:
            return "sent"
        return "created"
