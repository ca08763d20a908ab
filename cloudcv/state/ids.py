"""Ids from the client. The page only ever names rows by id, as a string of digits (or an
int from a typed event); anything else names no row. The services check ownership."""

from __future__ import annotations

from ..services.core.errors import NotFound


def client_id(value: object) -> int | None:
    """``value`` as an id: a string of at most 11 plain ASCII digits, or an int (not a
    bool); None for anything else."""
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) < 12:
        return int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return None


def required_id(value: object) -> int:
    """:func:`client_id`, or ``NotFound("error.not_found")``."""
    found = client_id(value)
    if found is None:
        raise NotFound("error.not_found")
    return found


def any_id(value: object) -> int:
    """:func:`client_id`, or -1, which no row has: the service then finds nothing."""
    found = client_id(value)
    return -1 if found is None else found
