"""What the theming pipeline and participation leads said about each free-text answer.

An answer is coded automatically (by the codebook or a learned model) when it arrives.
Once a person has reviewed it, only their codes count: automatic rows are kept for
comparison, but ``CommentCoding.reviewed_at`` makes the human rows the answer's themes.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Float, ForeignKey, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.clock import utcnow
from app.crypto import EncryptedText
from app.extensions import db

SOURCES = ("codebook", "model", "human")
CANDIDATE_STATES = ("new", "accepted", "dismissed")


class CommentCoding(db.Model):
    """One free-text answer, analysed: its language, overall sentiment and redacted text."""

    __tablename__ = "comment_coding"

    answer_id: Mapped[int] = mapped_column(
        ForeignKey("answer.id", ondelete="CASCADE"), primary_key=True
    )
    response_id: Mapped[int] = mapped_column(
        ForeignKey("response.id", ondelete="CASCADE"), index=True
    )
    survey_id: Mapped[str] = mapped_column(String(64), index=True)
    question_id: Mapped[str] = mapped_column(String(64))
    language: Mapped[str] = mapped_column(String(16))
    sentiment: Mapped[float] = mapped_column(Float, default=0.0)
    # Redaction misses things (nicknames, places): encrypted at rest like the answer.
    redacted: Mapped[str] = mapped_column(EncryptedText)
    analysed_at: Mapped[datetime] = mapped_column(default=utcnow)
    reviewed_at: Mapped[datetime | None]
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))

    themes: Mapped[list[CommentTheme]] = relationship(
        back_populates="coding", cascade="all, delete-orphan", order_by="CommentTheme.id"
    )


class CommentTheme(db.Model):
    """One theme of one answer, from one source."""

    __tablename__ = "comment_theme"
    __table_args__ = (UniqueConstraint("answer_id", "theme_id", "source"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    answer_id: Mapped[int] = mapped_column(
        ForeignKey("comment_coding.answer_id", ondelete="CASCADE"), index=True
    )
    theme_id: Mapped[str] = mapped_column(String(64), index=True)
    source: Mapped[str] = mapped_column(String(16))
    confidence: Mapped[float] = mapped_column(Float, default=1.0)
    sentiment: Mapped[float | None] = mapped_column(Float)

    coding: Mapped[CommentCoding] = relationship(back_populates="themes")


class ThemeCandidate(db.Model):
    """An emerging theme: comments no theme matched, grouped, waiting for a decision."""

    __tablename__ = "theme_candidate"

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_key: Mapped[str] = mapped_column(String(64), index=True)
    # The team whose search found it (none: a search across the whole service). A search
    # replaces only its own team's undecided suggestions.
    team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id"), index=True)
    label: Mapped[str] = mapped_column(String(120))
    key_terms: Mapped[list[str]] = mapped_column(JSON, default=list)
    answer_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(16), default="new")
    theme_id: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    decided_at: Mapped[datetime | None]
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))


class LocalTheme(db.Model):
    """A theme a participation lead added to the codebook (from a candidate)."""

    __tablename__ = "local_theme"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    label: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(String(300), default="")
    terms: Mapped[list[str]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))


class ThemeModel(db.Model):
    """A classifier learned from human codes, with its cross-validated quality per theme."""

    __tablename__ = "theme_model"

    id: Mapped[int] = mapped_column(primary_key=True)
    trained_at: Mapped[datetime] = mapped_column(default=utcnow)
    trained_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    examples: Mapped[int] = mapped_column(default=0)
    metrics: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    blob: Mapped[bytes] = mapped_column(LargeBinary)


QUOTE_STATES = ("approved", "rejected")


class CommentVector(db.Model):
    """The sentence encoder's vector of a reviewed comment, kept so the next training of
    a theme model does not encode it again (``app/text/vector_memory.py``). Encrypted at
    rest: a vector says much of what the comment says."""

    __tablename__ = "comment_vector"

    answer_id: Mapped[int] = mapped_column(
        ForeignKey("comment_coding.answer_id", ondelete="CASCADE"), primary_key=True
    )
    # The encoder's weights and the exact text encoded: another encoder, or a comment
    # whose redaction changed, does not match and is encoded again.
    digest: Mapped[str] = mapped_column(String(64))
    vector: Mapped[str] = mapped_column(EncryptedText)


class QuoteDecision(db.Model):
    """A participation lead's decision on quoting one comment in shared reports.

    A comment is quoted (in a report page, download, board pack, email or the API) only
    once a lead has approved it, and then only as ``text``: the automatic redaction with
    whatever more the lead chose to take out. A rejected comment is never quoted.
    """

    __tablename__ = "quote_decision"

    answer_id: Mapped[int] = mapped_column(
        ForeignKey("comment_coding.answer_id", ondelete="CASCADE"), primary_key=True
    )
    state: Mapped[str] = mapped_column(String(16))
    # The approved wording: encrypted at rest like the comment it comes from.
    text: Mapped[str | None] = mapped_column(EncryptedText)
    decided_at: Mapped[datetime] = mapped_column(default=utcnow)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
