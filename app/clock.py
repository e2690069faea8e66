"""The one place that reads the time, so tests can move it."""

from __future__ import annotations

from datetime import UTC, datetime


def utcnow() -> datetime:
    """Now, in UTC, as a naive datetime (how every timestamp is stored)."""
    return datetime.now(UTC).replace(tzinfo=None)
