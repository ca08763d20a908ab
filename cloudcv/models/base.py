"""Shared column helpers. Times are timezone-aware UTC everywhere (SQLModel's
``UTCDateTime`` stores them as UTC and rejects naive values)."""

from __future__ import annotations

from datetime import UTC, datetime


def utcnow() -> datetime:
    """Now, timezone-aware UTC: the default of every ``created_at`` column. Services read the
    clock through ``services/core/clock.py`` instead (tests move it)."""
    return datetime.now(UTC)
