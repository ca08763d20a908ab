"""Signed, single-use, expiring links (email verification, password reset, ...).

The link carries an itsdangerous-signed ``{uid, purpose, nonce}``; the database keeps the
SHA-256 of the nonce with its expiry and ``used_at``. A token is valid only when the
signature, the purpose, the expiry and the unused row all agree, so tampered, expired,
reused or revoked links all fail the same way (``Invalid("error.link_invalid")``).

The services that mail links (accounts, account_edit, privacy/retention) issue and consume
them; spent and expired rows are deleted per ``OneTimeToken``'s registry entry in
``models/accounts.py``.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from itsdangerous import BadSignature, URLSafeSerializer
from sqlmodel import Session, select

from ...config import settings
from ...models import OneTimeToken
from . import clock
from .errors import Invalid

LIFETIMES = {
    "verify_email": timedelta(hours=48),
    "reset_password": timedelta(hours=1),
    "keep_account": timedelta(days=45),  # mailed 30 and 7 days before erasure (retention)
    "change_email": timedelta(hours=24),  # the new address travels signed in the link
    "login_code": timedelta(minutes=5),  # the password was right: the code step of that login
    "not_me": timedelta(days=7),  # "this wasn't me" in the new-device mail: ends every session
}


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(settings().secret_key(), salt="cloudcv.one-time-link")


def _digest(nonce: str) -> str:
    return hashlib.sha256(nonce.encode()).hexdigest()


def issue(session: Session, *, user_id: int, purpose: str, data: dict | None = None) -> str:
    """Create a token (in the caller's transaction) and return its signed string.

    ``data`` (small, JSON) travels signed inside the link, e.g. a new email address that
    must not be stored before it is confirmed; read it back with ``data(token)``.
    """
    nonce = secrets.token_urlsafe(24)
    now = clock.now()
    session.add(OneTimeToken(nonce_hash=_digest(nonce), purpose=purpose, user_id=user_id,
                             created_at=now, expires_at=now + LIFETIMES[purpose]))
    payload = {"u": user_id, "p": purpose, "n": nonce}
    if data:
        payload["d"] = data
    return _serializer().dumps(payload)


def sign_only(*, purpose: str) -> str:
    """A signed link string with no row behind it (so it never works): what ``issue`` costs,
    for a decoy request (``accounts._decoy_reset``)."""
    return _serializer().dumps({"u": 0, "p": purpose, "n": secrets.token_urlsafe(24)})


def data(token: str) -> dict:
    """The signed ``data`` of a token already checked with ``peek``/``consume``."""
    try:
        loaded = _serializer().loads(token)
    except BadSignature:
        raise Invalid("error.link_invalid") from None
    found = loaded.get("d") if isinstance(loaded, dict) else None
    return found if isinstance(found, dict) else {}


def revoke_all(session: Session, *, user_id: int, purpose: str) -> None:
    """Use up every live ``purpose`` token of the user (in the caller's transaction).

    Called before issuing a new one, so only the newest link works.
    """
    now = clock.now()
    for row in session.exec(select(OneTimeToken).where(
            OneTimeToken.user_id == user_id, OneTimeToken.purpose == purpose,
            OneTimeToken.used_at.is_(None))):
        row.used_at = now


def peek(session: Session, *, token, purpose: str) -> OneTimeToken:
    """The live token row, without using it up; Invalid("error.link_invalid") otherwise."""
    if not isinstance(token, str) or not token or len(token) > 512:
        raise Invalid("error.link_invalid")
    try:
        data = _serializer().loads(token)
    except BadSignature:
        raise Invalid("error.link_invalid") from None
    if not isinstance(data, dict) or data.get("p") != purpose or not isinstance(data.get("n"), str):
        raise Invalid("error.link_invalid")
    row = session.exec(select(OneTimeToken).where(
        OneTimeToken.nonce_hash == _digest(data["n"]))).first()
    if (row is None or row.purpose != purpose or row.user_id != data.get("u")
            or row.used_at is not None or row.expires_at <= clock.now()):
        raise Invalid("error.link_invalid")
    return row


def consume(session: Session, *, token, purpose: str) -> int:
    """Mark the token used (in the caller's transaction) and return its user id.

    Raises Invalid("error.link_invalid") like ``peek``.
    """
    row = peek(session, token=token, purpose=purpose)
    row.used_at = clock.now()
    session.add(row)
    return row.user_id
