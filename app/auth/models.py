"""Teams, staff accounts, their sessions and set-password links, and the audit trail."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app import clock
from app.auth.roles import ROLES
from app.extensions import db


def _now() -> datetime:
    # Read through the module so tests that move the clock move these defaults too.
    return clock.utcnow()


class Team(db.Model):
    """A team staff belong to (an IRO service, a participation team, ...)."""

    __tablename__ = "team"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    slug: Mapped[str] = mapped_column(String(120), unique=True)


class StaffUser(db.Model):
    """A member of staff who signs in. Only an argon2 hash of the password is stored.

    ``password_hash`` is empty until the person uses their set-password link.
    """

    __tablename__ = "staff_user"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    role: Mapped[str] = mapped_column(String(32))
    team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id"), index=True)
    password_hash: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(default=_now)
    last_sign_in_at: Mapped[datetime | None]
    throttled_until: Mapped[datetime | None]
    deactivated_at: Mapped[datetime | None]

    team: Mapped[Team | None] = relationship()

    @property
    def is_active(self) -> bool:
        return self.deactivated_at is None

    @property
    def role_name(self) -> str:
        return ROLES.get(self.role, self.role)


class StaffSession(db.Model):
    """One signed-in browser. The cookie holds a random token; only its hash is here."""

    __tablename__ = "staff_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=_now)
    last_seen_at: Mapped[datetime] = mapped_column(default=_now)
    revoked: Mapped[bool] = mapped_column(default=False)

    user: Mapped[StaffUser] = relationship()


class SetPasswordToken(db.Model):
    """A one-time link to choose a password. Only the hash of its token is stored."""

    __tablename__ = "set_password_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=_now)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]

    user: Mapped[StaffUser] = relationship()


class AuditEvent(db.Model):
    """Something a person (or the command line, when ``actor_id`` is empty) did.

    ``details`` holds codes and numbers only, never free text, so the trail can be kept
    and shown without exposing what anyone typed.
    """

    __tablename__ = "audit_event"
    __table_args__ = (Index("ix_audit_event_object", "object_type", "object_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=_now, index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"), index=True)
    action: Mapped[str] = mapped_column(String(64))
    object_type: Mapped[str | None] = mapped_column(String(32))
    object_id: Mapped[str | None] = mapped_column(String(64))
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
