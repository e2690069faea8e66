"""Built reports kept so a report page opens at once; rebuilt when new responses arrive."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Float, ForeignKey, String, UniqueConstraint
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


class IndicatorBenchmark(db.Model):
    """A figure from outside Sayso to compare an indicator with: a regional or national
    percentage someone published (a Bright Spots figure, a DfE statistic), with its source
    and year. It is shown beside the council's figure as given and never counted into it.
    """

    __tablename__ = "indicator_benchmark"
    __table_args__ = (
        UniqueConstraint(
            "survey_id", "indicator_id", "source", "year", name="uq_indicator_benchmark_key"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[str] = mapped_column(String(64), index=True)
    indicator_id: Mapped[str] = mapped_column(String(64))
    source: Mapped[str] = mapped_column(String(120))
    year: Mapped[str] = mapped_column(String(9))
    value: Mapped[float] = mapped_column(Float)
    uploaded_at: Mapped[datetime] = mapped_column(default=utcnow)
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff_user.id"))
