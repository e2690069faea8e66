"""The one place that reads the time, so tests can move it."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo


def utcnow() -> datetime:
    """Now, in UTC, as a naive datetime (how every timestamp is stored)."""
    return datetime.now(UTC).replace(tzinfo=None)


UK = ZoneInfo("Europe/London")


def uk_time(value: datetime | None) -> str:
    """A stored (naive UTC) time as people in the UK read it, in the page's language:
    "6 December 2026, 21:05" in winter, an hour on in summer (British Summer Time)."""
    if value is None:
        return ""
    from flask_babel import format_datetime

    aware = value.replace(tzinfo=UTC) if value.tzinfo is None else value
    return format_datetime(aware.astimezone(UK).replace(tzinfo=None), "d MMMM y, HH:mm")
