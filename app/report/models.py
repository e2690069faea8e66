"""Built reports kept so a report page opens at once; rebuilt when new responses arrive."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.clock import utcnow
from app.crypto import EncryptedJSON
from app.extensions import db


class ReportSnapshot(db.Model):
    """One built report for a survey (or family), period, set of filters and threshold.

    ``fingerprint`` summarises the data the report was built from (see
    ``app.report.snapshots.data_fingerprint``); when it no longer matches, the snapshot
    is stale and is built again.
    """

    __tablename__ = "report_snapshot"
    __table_args__ = (
        UniqueConstraint(
            "survey_key", "period", "filters_key", "threshold", name="uq_report_snapshot_key"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_key: Mapped[str] = mapped_column(String(64))
    period: Mapped[str] = mapped_column(String(32))
    filters_key: Mapped[str] = mapped_column(String(255))
    filters: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    threshold: Mapped[int]
    fingerprint: Mapped[str] = mapped_column(String(64))
    # Holds the themes' redacted quotes: encrypted at rest like the comments they come from.
    data: Mapped[dict[str, Any]] = mapped_column(EncryptedJSON)
    built_at: Mapped[datetime] = mapped_column(default=utcnow)
    used_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
