"""The service layer's only clock. Tests move it instead of waiting: ``clock.set(fn)``."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from ..models.base import utcnow

_now: Callable[[], datetime] = utcnow


def now() -> datetime:
    return _now()


def set(fn: Callable[[], datetime] | None) -> None:  # noqa: A001 - mirrors clock.now()
    global _now
    _now = fn or utcnow
