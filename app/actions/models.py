"""Actions taken in answer to a theme ("you said, we did"), and their text per language."""

from __future__ import annotations

from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app import clock
from app.extensions import db

# Labels are translated when shown: the public page speaks the visitor's language.
ACTION_STATUSES = {
    "planned": _l("Planned"),
    "in_progress": _l("In progress"),
    "done": _l("Done"),
}


def _now() -> datetime:
    # Read through the module so tests that move the clock move these defaults too.
    return clock.utcnow()


class Action(db.Model):
    """One thing done (or planned) about a theme people raised in a survey or family.

    Actions are council-wide, like the themes they answer: any participation lead or
    administrator may edit one, and the audit trail says who did. The period is kept as
    its label and as dates (end exclusive) so reports find overlapping actions in SQL.
    """

    __tablename__ = "action"

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_key: Mapped[str] = mapped_column(String(64), index=True)  # a survey or family id
    theme: Mapped[str] = mapped_column(String(64))
    period_label: Mapped[str] = mapped_column(String(32))
    period_start: Mapped[date]
    period_end: Mapped[date]
    status: Mapped[str] = mapped_column(String(16))
    happens_on: Mapped[date | None]  # when it was (or will be) done
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
    created_at: Mapped[datetime] = mapped_column(default=_now)
    updated_at: Mapped[datetime] = mapped_column(default=_now)
    published_at: Mapped[datetime | None] = mapped_column(index=True)

    texts: Mapped[list[ActionText]] = relationship(
        back_populates="action", cascade="all, delete-orphan", order_by="ActionText.language"
    )

    def text_in(self, language: str) -> ActionText | None:
        """The text written in ``language``, if there is one."""
        return next((t for t in self.texts if t.language == language), None)

    @property
    def english(self) -> ActionText:
        found = self.text_in("en")
        assert found is not None, "every action has English text"
        return found


class ActionText(db.Model):
    """What we heard and what we did, in one language. English is always there."""

    __tablename__ = "action_text"
    __table_args__ = (UniqueConstraint("action_id", "language", name="uq_action_text_language"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("action.id", ondelete="CASCADE"), index=True)
    language: Mapped[str] = mapped_column(String(16))
    heard: Mapped[str] = mapped_column(Text)
    did: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(default=_now)

    action: Mapped[Action] = relationship(back_populates="texts")
