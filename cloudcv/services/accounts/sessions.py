"""Server-side login sessions. The browser holds a random token; we keep only its hash.

The token lives in an HttpOnly cookie that only an HTTP response can set (``api_session``):
page scripts never see it. A login therefore yields a *ticket*: a pending session that the
browser exchanges once, within ``TICKET_TTL``, at ``POST /api/session/start`` for the real
token (``exchange``). A ticket is never a valid session token (``resolve`` refuses it).

A session ends after ``IDLE`` without activity or ``ABSOLUTE`` after login, on logout, on
"log out everywhere" and on a password reset. ``resolve`` is called by every state handler
that needs the user: nothing about the user is trusted from the client.

Where the related rules live: the cookie itself (HttpOnly, SameSite, Secure) is set and
cleared in ``api_session.py``; the idle and absolute timeouts are here; the user's own view
and revocation of sessions is ``my_sessions.py``; how long session rows are kept is on
``AuthSession``'s registry entry in ``models/accounts.py``.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import bindparam
from sqlmodel import Session, delete, select, update

from ...models import AuthSession, User
from ..core import clock
from ..core.devices import Client

IDLE = timedelta(days=7)
ABSOLUTE = timedelta(days=30)
TOUCH_EVERY = timedelta(minutes=1)
TICKET_TTL = timedelta(seconds=60)
_TICKET = "ticket:"  # hash domain of pending tickets: a ticket digest never equals a token's


@dataclass(frozen=True)
class CurrentUser:
    """What the UI may know about the logged-in user (no hash, no token)."""

    id: int
    name: str
    email: str
    role: str
    lang: str
    session_public_id: str
    restricted: bool = False  # Art. 18 restriction active (banner on every page)

    @property
    def is_admin(self) -> bool:
        """Whether the UI shows the admin console (the services check the role again)."""
        return self.role == "admin"


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create(session: Session, *, user: User, client: Client, now: datetime) -> tuple[str, AuthSession]:
    """Start a session (in the caller's transaction); returns (raw token, row).

    Only the token's hash is stored. Login goes through ``create_pending`` instead.
    """
    token = secrets.token_urlsafe(32)
    row = AuthSession(
        public_id=secrets.token_hex(16), token_hash=_digest(token), user_id=user.id,
        created_at=now, last_seen_at=now, expires_at=now + ABSOLUTE,
        ip=client.ip[:45], device_id=client.device_id[:64], os=client.os,
        browser=client.browser, place=client.place,
    )
    session.add(row)
    return token, row


def create_pending(session: Session, *, user: User, client: Client,
                   now: datetime) -> tuple[str, AuthSession]:
    """A session that starts only when its ticket is exchanged (in the caller's transaction)."""
    ticket, row = create(session, user=user, client=client, now=now)
    row.token_hash = _digest(_TICKET + ticket)
    row.expires_at = now + TICKET_TTL
    return ticket, row


def exchange(session: Session, *, ticket, now: datetime | None = None) -> str | None:
    """Turn a login ticket into the session token, once; None when unknown, used or expired.

    Only ``api_session.start`` calls it (it sets the cookie). Commits; raises nothing.
    """
    if not isinstance(ticket, str) or not ticket or len(ticket) > 128:
        return None
    now = now or clock.now()
    row = session.exec(select(AuthSession).where(
        AuthSession.token_hash == _digest(_TICKET + ticket))).first()
    if row is None:
        return None
    if row.expires_at <= now:
        session.delete(row)
        session.commit()
        return None
    token = secrets.token_urlsafe(32)
    row.token_hash = _digest(token)
    row.expires_at = row.created_at + ABSOLUTE
    row.last_seen_at = now
    session.add(row)
    session.commit()
    return token


def resolve(session: Session, *, token) -> CurrentUser | None:
    """The user behind a client-held token, or None when it is unknown, idle or expired.

    Also None for a pending ticket and for a blocked user. Deletes an expired or idle row and
    refreshes ``last_seen_at`` at most every ``TOUCH_EVERY`` (commits). Raises nothing.
    """
    if not isinstance(token, str) or not token or len(token) > 128 or token.startswith(_TICKET):
        return None
    now = clock.now()
    # one indexed query for the session and its user (called for every autosave), built once
    row = session.connection().execute(_LIVE, {"p_digest": _digest(token)}).first()
    if row is None:
        return None
    if row.expires_at <= now or row.last_seen_at + IDLE <= now:
        session.exec(delete(AuthSession).where(AuthSession.id == row.sid))
        session.commit()
        return None
    if row.blocked:
        return None
    if now - row.last_seen_at >= TOUCH_EVERY:
        session.exec(update(AuthSession).where(AuthSession.id == row.sid)
                     .values(last_seen_at=now).execution_options(synchronize_session=False))
        session.commit()
    return CurrentUser(id=row.uid, name=row.name, email=row.email, role=row.role,
                       lang=row.lang, session_public_id=row.public_id,
                       restricted=row.restricted_at is not None)


_LIVE = (select(AuthSession.id.label("sid"), AuthSession.public_id, AuthSession.expires_at,
                AuthSession.last_seen_at, User.id.label("uid"), User.name, User.email,
                User.role, User.lang, User.blocked, User.restricted_at)
         .join(User, User.id == AuthSession.user_id)
         .where(AuthSession.token_hash == bindparam("p_digest")))


def acting(session: Session, *, token, action: Callable[..., Any], **kwargs: Any
           ) -> tuple[CurrentUser | None, Any]:
    """Resolve ``token`` and, for a live session, run ``action(session, user_id=<its user>,
    **kwargs)`` in the same transaction: ``(user, result)``, or ``(None, None)`` when the
    session is not valid (nothing is run). One transaction per autosave instead of two
    (``db.write`` groups them). Raises what ``action`` raises.
    """
    user = resolve(session, token=token)
    if user is None:
        return None, None
    return user, action(session, user_id=user.id, **kwargs)


def end(session: Session, *, token) -> None:
    """Log out: delete the session behind this token (nothing happens for an unknown one)."""
    if isinstance(token, str) and token:
        session.exec(delete(AuthSession).where(AuthSession.token_hash == _digest(token)))
        session.commit()


def end_all(session: Session, *, user_id: int, commit: bool = True, keep: str = "") -> int:
    """End every session of the user (but the one whose public id is ``keep``); returns how
    many ended.

    "Log out everywhere" (the user themselves), a password reset or change and an admin
    block; ``commit=False`` leaves the commit to the caller's transaction.
    """
    stmt = delete(AuthSession).where(AuthSession.user_id == user_id)
    if keep:
        stmt = stmt.where(AuthSession.public_id != keep)
    result = session.exec(stmt)
    if commit:
        session.commit()
    return result.rowcount or 0
