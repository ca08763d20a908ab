"""Domain errors carry an i18n message key (and optional field/params), never a sentence.

The state layer catches ``DomainError`` and shows ``t(e.key, **e.params)`` (catalogs in
``i18n/catalogs``), next to ``e.field`` when there is one; the HTTP routes answer 404.
"""

from __future__ import annotations


class DomainError(Exception):
    """Base of every error a service raises on purpose: ``key`` (i18n), ``field``, ``params``."""

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
