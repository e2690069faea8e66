"""Safeguarding alerts raised by screening, and what leads did about them."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.clock import utcnow
from app.crypto import EncryptedText
from app.extensions import db

ALERT_STATUSES = ("new", "acknowledged", "actioned", "closed")


class Alert(db.Model):
    """Created in the same transaction as the response, so it exists even with Redis down."""

    __tablename__ = "alert"

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(
        ForeignKey("response.id", ondelete="CASCADE"), unique=True
    )
    survey_id: Mapped[str] = mapped_column(String(64), index=True)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id"), index=True)
    severity: Mapped[str] = mapped_column(String(8))
    reasons: Mapped[list[str]] = mapped_column(JSON, default=list)
    questions: Mapped[list[str]] = mapped_column(JSON, default=list)
    anonymous: Mapped[bool] = mapped_column(default=True)
    status: Mapped[str] = mapped_column(String(16), default="new", index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    notified_at: Mapped[datetime | None]
    escalation_level: Mapped[int] = mapped_column(default=0)
    next_escalation_at: Mapped[datetime | None] = mapped_column(index=True)
    acknowledged_at: Mapped[datetime | None]
    acknowledged_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    closed_at: Mapped[datetime | None]
    # What a lead wrote about the child and what was done: encrypted at rest.
    outcome: Mapped[str | None] = mapped_column(EncryptedText)

    notes: Mapped[list[AlertNote]] = relationship(
        back_populates="alert", order_by="AlertNote.id", cascade="all, delete-orphan"
    )


class AlertNote(db.Model):
    """A safeguarding lead's note on an alert (shown only on the alert page)."""

    __tablename__ = "alert_note"

    id: Mapped[int] = mapped_column(primary_key=True)
    alert_id: Mapped[int] = mapped_column(ForeignKey("alert.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    text: Mapped[str] = mapped_column(EncryptedText)
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    alert: Mapped[Alert] = relationship(back_populates="notes")


class AlertDelivery(db.Model):
    """One email about an alert to one address at one escalation level.

    Written as soon as the mail server accepts the email, so a retried task or a sweep
    sends only to those not yet sent: everyone hears once, nobody twice.
    """

    __tablename__ = "alert_delivery"
    __table_args__ = (UniqueConstraint("alert_id", "level", "address"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    alert_id: Mapped[int] = mapped_column(ForeignKey("alert.id", ondelete="CASCADE"), index=True)
    level: Mapped[int] = mapped_column(default=0)
    address: Mapped[str] = mapped_column(String(254))
    # True when the address is a safeguarding lead who can open the alert.
    reader: Mapped[bool] = mapped_column(default=True)
    attempts: Mapped[int] = mapped_column(default=0)
    last_attempt_at: Mapped[datetime | None]
    # "refused" (the server refused the address) or "unavailable" (no server answered).
    last_failure: Mapped[str | None] = mapped_column(String(16))
    sent_at: Mapped[datetime | None]


REVIEW_STATUSES = ("waiting", "concern", "not_concern")


class ReviewItem(db.Model):
    """An answer the screen is unsure about (a low-severity match, or a language it cannot
    read): a safeguarding lead reads it within a working day and decides. No escalation."""

    __tablename__ = "review_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(
        ForeignKey("response.id", ondelete="CASCADE"), unique=True
    )
    survey_id: Mapped[str] = mapped_column(String(64), index=True)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id"), index=True)
    severity: Mapped[str | None] = mapped_column(String(8))
    reasons: Mapped[list[str]] = mapped_column(JSON, default=list)
    questions: Mapped[list[str]] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(16), default="waiting", index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    decided_at: Mapped[datetime | None]
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    # The alert raised when the lead decided it is a concern.
    alert_id: Mapped[int | None] = mapped_column(ForeignKey("alert.id", ondelete="SET NULL"))


class ScreenExample(db.Model):
    """A lead's decision on a piece of text, kept for the screen to learn from.

    The text is a child's words: encrypted at rest like answers, and never shown beyond
    safeguarding leads.
    """

    __tablename__ = "screen_example"

    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(EncryptedText)
    language: Mapped[str] = mapped_column(String(16))
    # "concern" or "not_concern": what a safeguarding lead decided.
    label: Mapped[str] = mapped_column(String(16))
    reasons: Mapped[list[str]] = mapped_column(JSON, default=list)
    # Erasing or purging the response erases its examples too.
    review_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("review_item.id", ondelete="CASCADE"), index=True
    )
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ReviewDigest(db.Model):
    """The day's review digest to one address, recorded once the mail server took it."""

    __tablename__ = "review_digest"
    __table_args__ = (UniqueConstraint("day", "address"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date]
    address: Mapped[str] = mapped_column(String(254))
    sent_at: Mapped[datetime] = mapped_column(default=utcnow)


class ModelScreen(db.Model):
    """A response whose free text waits for (or has had) the learned layer's reading.

    Added in the submit request's transaction, so a response the high-priority task never
    heard of (Redis down, a lost message) is still found by the sweep.
    """

    __tablename__ = "model_screen"

    response_id: Mapped[int] = mapped_column(
        ForeignKey("response.id", ondelete="CASCADE"), primary_key=True
    )
    queued_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    screened_at: Mapped[datetime | None] = mapped_column(index=True)
    route: Mapped[str | None] = mapped_column(String(8))
