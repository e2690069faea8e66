"""When each periodic job last ran, shared by every process that may run it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db


class PeriodicRun(db.Model):
    """One row per job of the beat schedule. A process runs a due job only after moving
    ``last_run_at`` forward in one conditional UPDATE, so with several web processes a
    due job runs once."""

    __tablename__ = "periodic_run"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    last_run_at: Mapped[datetime | None]
    # A run in progress holds the job until then; a process that died lets it go.
    held_until: Mapped[datetime | None]
