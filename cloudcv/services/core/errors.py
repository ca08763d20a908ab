"""Domain errors carry an i18n message key (and optional field/params), never a sentence."""

from __future__ import annotations


class DomainError(Exception):
    def __init__(self, key: str, *, field: str | None = None, **params):
        super().__init__(key)
        self.key = key
        self.field = field
        self.params = params


class Invalid(DomainError):
    """Bad input: shown next to ``field``."""


class NotFound(DomainError):
    """Missing, or not the caller's: the two are indistinguishable on purpose."""


class Forbidden(DomainError):
    """Authenticated but not allowed (e.g. not an admin)."""


class Throttled(DomainError):
    """Too many attempts; ``params['seconds']`` says when to try again."""
