"""Password hashing (argon2 via the passlib API of ``libpass``) and the NIST 800-63B policy.

Hashing costs ~90 ms: call these only from code that runs off the event loop.
Used by ``accounts.py`` (register, login, reset) and ``my_sessions.check_password``; the
length limits are ``core/fields.py``'s, the common-password list is ``data/common-passwords.txt``.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from passlib.context import CryptContext

from ..core import fields
from ..core.errors import Invalid

_context = CryptContext(schemes=["argon2"], deprecated="auto")
# A valid hash of a random password: verifying against it makes "no such account" cost
# as much time as a wrong password, so timing does not reveal which addresses exist.
_DUMMY = _context.hash("not-a-real-password-4f1c9a")


@lru_cache(maxsize=1)
def _common() -> frozenset[str]:
    path = Path(__file__).with_name("data") / "common-passwords.txt"
    return frozenset(line.strip().lower() for line in path.read_text().splitlines() if line.strip())


def check_policy(password, *, name: str = "", email: str = "") -> str:
    """NIST 800-63B: at least 10 characters, not a common password, not the user's own name.

    Returns the password unchanged. Raises Invalid (field "password"): ``error.password_short``,
    ``error.password_common``, ``error.password_personal``, and those of ``fields.raw_password``.
    """
    password = fields.raw_password(password)
    if len(password) < fields.PASSWORD_MIN:
        raise Invalid("error.password_short", field="password", min=fields.PASSWORD_MIN)
    lowered = password.lower()
    if lowered in _common():
        raise Invalid("error.password_common", field="password")
    personal = {email.lower(), email.split("@")[0].lower(), name.lower().replace(" ", "")}
    if lowered.replace(" ", "") in {p for p in personal if p}:
        raise Invalid("error.password_personal", field="password")
    return password


def hash_password(password: str) -> str:
    """The argon2 hash to store (slow on purpose)."""
    return _context.hash(password)


def verify(password: str, password_hash: str | None) -> tuple[bool, str | None]:
    """(ok, new_hash): new_hash is set when the stored hash should be upgraded."""
    if not password_hash:
        _context.verify(password, _DUMMY)
        return False, None
    return _context.verify_and_update(password, password_hash)
