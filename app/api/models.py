"""API tokens: a member of staff's key for ``/api/v1``; only a keyed hash is stored."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app import clock
from app.auth.models import StaffUser
from app.extensions import db


def _now() -> datetime:
    return clock.utcnow()


class ApiToken(db.Model):
    """A named token belonging to one member of staff, who sees what their role allows.

    ``token_hash`` is an HMAC of the token under the secret key: a copy of the database
    alone cannot be replayed against the API. The token is shown once, when made.
    """

    __tablename__ = "api_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("staff_user.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=_now)
    last_used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]

    user: Mapped[StaffUser] = relationship()

    @property
    def is_live(self) -> bool:
        return self.revoked_at is None and self.user.is_active
