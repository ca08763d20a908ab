"""Ownership and input checks shared by the CV modules (``cvs.py``, ``entries.py``,
``rendering.py``), and the Dutch date formats the editor shows.

Ownership lives in :func:`owned_cv` / :func:`owned_entry`: another user's id and a
missing id both raise ``NotFound``, so ids cannot be probed. Generic field rules (length,
email, one of a set) are in ``services/core/fields.py``, date parsing in
``services/core/clock.py``.
"""

from __future__ import annotations

import re
from datetime import date

from sqlmodel import Session

from ...models import CV, CVEntry
from ..core import clock, fields
from ..core.errors import Invalid, NotFound

_PHONE = re.compile(r"^[0-9+()./\- ]{3,40}$")
_URL = re.compile(r"^(https?://)?[\w.-]+\.[a-z]{2,}(/\S*)?$", re.I)


def clean(value, *, name: str, limit: int, kind: str) -> str:
    """``value`` checked as a field of ``kind`` ("line", "multiline", "email", "phone",
    "url") and at most ``limit`` characters; returns the stored form (trimmed).

    Raises ``Invalid`` (``error.invalid_input``, ``error.too_long``,
    ``error.email_invalid``, ``error.phone_invalid``, ``error.url_invalid``) with ``name``
    as the field. Pure: any caller.
    """
    if kind == "multiline":
        return fields.multiline(value, field=name, max_len=limit)
    value = fields.text(value, field=name, max_len=limit)
    if value and kind == "email":
        value = fields.email(value, field=name)
    elif value and kind == "phone" and not _PHONE.match(value):
        raise Invalid("error.phone_invalid", field=name)
    elif value and kind == "url" and not _URL.match(value):
        raise Invalid("error.url_invalid", field=name)
    return value


def parse_birth_date(value, *, today: date) -> date | None:
    """A Dutch 'dd-mm-jjjj' (or ISO 'jjjj-mm-dd') birth date; in the past, after 1900.

    Empty gives None. Raises ``Invalid`` (``error.invalid_input``, the date errors of
    ``clock.parse_date``, ``error.date_future``, ``error.birth_date_range``: younger
    than 13 or before 1900). Pure: any caller.
    """
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise Invalid("error.invalid_input", field="birth_date")
    parsed = clock.parse_date(value, field="birth_date")
    if parsed > today:
        raise Invalid("error.date_future", field="birth_date")
    if parsed.year < 1900 or (today.year - parsed.year) < 13:
        raise Invalid("error.birth_date_range", field="birth_date")
    return parsed


def parse_month(value, *, name: str) -> date | None:
    """'mm-jjjj' (or 'jjjj-mm') to the first day of that month; empty gives None.

    Raises ``Invalid`` from ``clock.parse_month``. Pure: any caller.
    """
    if value in (None, ""):
        return None
    return clock.parse_month(value, field=name)


def format_date(d: date | None) -> str:
    """'dd-mm-jjjj', or "" for None. Pure: any caller."""
    return clock.format_date(d)


def format_month(d: date | None) -> str:
    """'mm-jjjj', or "" for None. Pure: any caller."""
    return clock.format_month(d)


def owned_cv(session: Session, *, user_id: int, cv_id) -> CV:
    """The CV ``cv_id`` if it belongs to ``user_id``.

    Raises ``NotFound("error.not_found")`` for another user's CV, a missing one, one in
    the trash (``services/privacy/trash.py``: only restoring reaches it) and an id that is
    not an id: they all look the same.
    """
    cv = _owned(session, CV, user_id, cv_id)
    if cv.trashed_at is not None:
        raise NotFound("error.not_found")
    return cv


def editable_cv(session: Session, *, user_id: int, cv_id) -> CV:
    """The CV as :func:`owned_cv`, for a change: a locked CV raises
    ``Invalid("error.cv_locked")`` (``lock.py``)."""
    cv = owned_cv(session, user_id=user_id, cv_id=cv_id)
    if cv.locked:
        raise Invalid("error.cv_locked", field="lock")
    return cv


def editable_entry(session: Session, *, user_id: int, entry_id) -> CVEntry:
    """The entry as :func:`owned_entry`, for a change: one of a locked CV raises
    ``Invalid("error.cv_locked")``."""
    entry = owned_entry(session, user_id=user_id, entry_id=entry_id)
    editable_cv(session, user_id=user_id, cv_id=entry.cv_id)
    return entry


def owned_entry(session: Session, *, user_id: int, entry_id) -> CVEntry:
    """The entry ``entry_id`` if it belongs to ``user_id`` and its CV is not in the trash;
    otherwise ``NotFound``, as :func:`owned_cv`."""
    entry = _owned(session, CVEntry, user_id, entry_id)
    owned_cv(session, user_id=user_id, cv_id=entry.cv_id)
    return entry


def _owned(session: Session, model, user_id: int, row_id):
    if not fields.is_id(row_id):
        raise NotFound("error.not_found")
    row = session.get(model, row_id)
    if row is None or row.user_id != user_id:
        raise NotFound("error.not_found")
    return row


def touch(session: Session, cv: CV) -> None:
    """Mark ``cv`` as changed now (the list sorts on it); the caller commits."""
    cv.updated_at = clock.now()
    session.add(cv)
