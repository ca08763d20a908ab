"""Shared column helpers. Times are timezone-aware UTC everywhere (SQLModel's
``UTCDateTime`` stores them as UTC and rejects naive values)."""

from __future__ import annotations

from datetime import UTC, datetime


def utcnow() -> datetime:
    return datetime.now(UTC)
