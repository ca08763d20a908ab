"""Validation of user-typed values. Each returns the clean value or raises Invalid(key)."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from .errors import Invalid

NAME_MAX = 100
EMAIL_MAX = 254
PASSWORD_MIN = 10
PASSWORD_MAX = 256

_EMAIL = re.compile(r"^[^@\s\x00-\x1f]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$")
# Control characters (incl. NUL), bidi overrides and lone surrogates (a JSON "\ud800" escape
# arrives as one, and no database can store it) never belong in a single-line field.
_FORBIDDEN = re.compile(r"[\x00-\x1f\x7f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
# The same, for multi-line text: tab, line feed and carriage return are allowed there.
MULTILINE_FORBIDDEN = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def text(value: Any, *, field: str, max_len: int, required: bool = False) -> str:
    """A single-line text: NFC-normalised and stripped; ``None`` counts as empty.

    Raises Invalid: ``error.invalid_input`` (not a string), ``error.bad_characters`` (control
    or bidi characters), ``error.required`` (empty when required), ``error.too_long`` (``max``).
    """
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise Invalid("error.invalid_input", field=field)
    value = unicodedata.normalize("NFC", value).strip()
    if _FORBIDDEN.search(value):
        raise Invalid("error.bad_characters", field=field)
    if required and not value:
        raise Invalid("error.required", field=field)
    if len(value) > max_len:
        raise Invalid("error.too_long", field=field, max=max_len)
    return value


def multiline(value: Any, *, field: str, max_len: int, required: bool = False) -> str:
    """A free text (CV profile, /verzoek details, contact message): line ends as ``\\n``,
    the characters of ``MULTILINE_FORBIDDEN`` dropped, trimmed; ``None`` counts as empty.

    Raises Invalid: ``error.invalid_input`` (not a string), ``error.required``,
    ``error.too_long`` (``max``).
    """
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise Invalid("error.invalid_input", field=field)
    value = MULTILINE_FORBIDDEN.sub("", value.replace("\r\n", "\n")).strip()
    if required and not value:
        raise Invalid("error.required", field=field)
    if len(value) > max_len:
        raise Invalid("error.too_long", field=field, max=max_len)
    return value


def choice(value: Any, allowed, *, field: str | None = None) -> str:
    """One of a fixed set of names; anything else (a dict, a list, an unknown name) is refused."""
    if not isinstance(value, str) or value not in allowed:
        raise Invalid("error.invalid_input", field=field)
    return value


def name(value: Any) -> str:
    """A person's name: required text of at most ``NAME_MAX`` characters (see ``text``)."""
    return text(value, field="name", max_len=NAME_MAX, required=True)


def email(value: Any, *, field: str = "email") -> str:
    """A lower-cased e-mail address; Invalid("error.email_invalid") when it does not look like one.

    Also the errors of ``text`` (required, at most ``EMAIL_MAX`` characters).
    """
    value = text(value, field=field, max_len=EMAIL_MAX, required=True).lower()
    if not _EMAIL.match(value):
        raise Invalid("error.email_invalid", field=field)
    return value


def raw_password(value: Any, *, field: str = "password") -> str:
    """Type and length checks only (for logging in: any stored password must still work)."""
    if not isinstance(value, str):
        raise Invalid("error.invalid_input", field=field)
    if not value:
        raise Invalid("error.required", field=field)
    if len(value) > PASSWORD_MAX:
        raise Invalid("error.too_long", field=field, max=PASSWORD_MAX)
    return value


def is_id(value) -> bool:
    """A plausible primary key: an int (not a bool) inside PostgreSQL's INTEGER range."""
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value < 2**31
