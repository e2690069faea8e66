"""Drafts (answers in progress) and submitted responses with their answers."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, Float, ForeignKey, Index, SmallInteger, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.clock import utcnow
from app.crypto import EncryptedJSON, EncryptedText
from app.extensions import db
from app.responses.keys import new_record_key


class Draft(db.Model):
    """Answers saved page by page until the respondent sends them.

    The browser holds a random token (only its hash is stored); a resume code, when
    asked for, is a second way in from another device (also stored only as a hash).
    """

    __tablename__ = "draft"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    resume_code_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    # The browser token the draft had before a resume code moved it to another device:
    # that browser is told the draft was opened elsewhere, instead of silently losing it.
    moved_token_hash: Mapped[str | None] = mapped_column(String(64), index=True)
    survey_version_id: Mapped[int] = mapped_column(ForeignKey("survey_version.id"), index=True)
    submission_key: Mapped[str] = mapped_column(String(43), unique=True)
    # Holds free text in progress: encrypted at rest like submitted answers.
    answers: Mapped[dict[str, Any]] = mapped_column(EncryptedJSON, default=dict)
    last_page: Mapped[str | None] = mapped_column(String(64))
    language: Mapped[str] = mapped_column(String(16), default="en")
    invitation_id: Mapped[int | None] = mapped_column(ForeignKey("invitation.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(index=True)


class Response(db.Model):
    """A submitted questionnaire. ``submission_key`` makes sending twice create one row."""

    __tablename__ = "response"
    # Every report reads one survey (or family) over a date range first, and the range
    # of response ids it covers straight from this index.
    __table_args__ = (Index("ix_response_survey_submitted", "survey_id", "submitted_at", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[str] = mapped_column(ForeignKey("survey.id"), index=True)
    survey_version_id: Mapped[int] = mapped_column(ForeignKey("survey_version.id"), index=True)
    submission_key: Mapped[str] = mapped_column(String(43), unique=True)
    language: Mapped[str] = mapped_column(String(16), default="en")
    channel: Mapped[str] = mapped_column(String(16), default="open")
    invitation_id: Mapped[int | None] = mapped_column(ForeignKey("invitation.id"), index=True)
    # The meeting's context (kind, team, chair...) copied from the invitation; never a name.
    context: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    submitted_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    # Copied from the survey and the context at submit so reports filter on plain columns.
    # No foreign keys: they record what the invitation said, whatever happens to it later.
    audience: Mapped[str | None] = mapped_column(String(32))
    team_id: Mapped[int | None]
    chair_id: Mapped[int | None]
    age_band: Mapped[str | None] = mapped_column(String(16))
    # Fixed at random when stored and never shown: reports add these up to perturb each
    # count the same way every time (app.responses.disclosure).
    record_key: Mapped[int] = mapped_column(SmallInteger, default=new_record_key)

    answers: Mapped[list[Answer]] = relationship(
        back_populates="response", cascade="all, delete-orphan", order_by="Answer.id"
    )


class Answer(db.Model):
    """One answer; a multiple-choice question has one row per option chosen.

    Exactly one of ``choice``, ``number``, ``date_value`` or ``text`` is set, so reports
    can count choices with GROUP BY without reading free text.
    """

    __tablename__ = "answer"
    __table_args__ = (Index("ix_answer_question_choice", "question_id", "choice"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(
        ForeignKey("response.id", ondelete="CASCADE"), index=True
    )
    question_id: Mapped[str] = mapped_column(String(64))
    choice: Mapped[str | None] = mapped_column(String(64))
    number: Mapped[float | None] = mapped_column(Float)
    date_value: Mapped[date | None] = mapped_column(Date)
    # Encrypted at rest when a key is set (app/crypto/__init__.py): never query on its content.
    text: Mapped[str | None] = mapped_column(EncryptedText)
    # The safeguarding screen flagged this text: only safeguarding leads read it (on the
    # alert page); reports, quotes, emerging themes and exports leave it out.
    flagged: Mapped[bool] = mapped_column(default=False, server_default="0")

    response: Mapped[Response] = relationship(back_populates="answers")
