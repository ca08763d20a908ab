"""A user's own sessions and devices (Mijn gegevens), and "prove it is still you".

- ``list_sessions``: every live login with OS, browser, place, last seen; "this device".
- ``revoke`` one (not the current one: that is "log out") / ``revoke_others``.
- ``recently_authenticated``: logged in or password re-entered less than ``REAUTH_WINDOW``
  ago on *this* session (the export needs it); ``reauthenticate`` sets it.
- ``check_password``: the password check behind re-authentication, e-mail change and
  account deletion; failures are audit-logged and at most ``MAX_FAILURES`` per
  ``REAUTH_WINDOW`` are allowed before ``Throttled``.

Every function acts for the logged-in user themselves (``user_id`` and ``current_public_id``
from ``sessions.resolve``). Idle and absolute timeouts are in ``sessions.py``; how long
ended sessions are kept is on ``AuthSession``'s registry entry in ``models/accounts.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlmodel import Session, delete, func, select

from ...models import AuditEvent, AuthSession, User
from ..core import audit, clock, fields
from ..core.errors import Invalid, NotFound, Throttled
from . import passwords
from .sessions import IDLE

REAUTH_WINDOW = timedelta(minutes=15)
MAX_FAILURES = 5


@dataclass(frozen=True)
class SessionView:
    """One live session as Mijn gegevens shows it; ``current`` marks this device."""

    public_id: str
    os: str
    browser: str
    place: str
    ip: str
    started: str     # dd-mm-jjjj hh:mm UTC
    last_seen: str
    current: bool


def _stamp(value) -> str:
    return clock.format_datetime(value, zone=True)


def _live(user_id: int):
    now = clock.now()
    return select(AuthSession).where(AuthSession.user_id == user_id,
                                     AuthSession.expires_at > now,
                                     AuthSession.last_seen_at > now - IDLE)


def list_sessions(session: Session, *, user_id: int, current_public_id: str) -> list[SessionView]:
    """The user's live sessions (not expired, not idle), this device first, then last seen."""
    rows = session.exec(_live(user_id).order_by(AuthSession.last_seen_at.desc())).all()
    views = [SessionView(public_id=r.public_id, os=r.os, browser=r.browser, place=r.place,
                         ip=r.ip, started=_stamp(r.created_at), last_seen=_stamp(r.last_seen_at),
                         current=r.public_id == current_public_id) for r in rows]
    return sorted(views, key=lambda v: not v.current)  # this device first


def revoke(session: Session, *, user_id: int, public_id, current_public_id: str, ip: str = "") -> None:
    """End one of the user's other sessions. Another user's id and a missing one: NotFound."""
    if not isinstance(public_id, str) or public_id == current_public_id:
        raise NotFound("error.not_found")
    result = session.exec(delete(AuthSession).where(AuthSession.user_id == user_id,
                                                    AuthSession.public_id == public_id))
    if not result.rowcount:
        raise NotFound("error.not_found")
    audit.record(session, action="account.session_revoked", actor_user_id=user_id,
                 subject_user_id=user_id, ip=ip, device=public_id)
    session.commit()


def revoke_others(session: Session, *, user_id: int, current_public_id: str, ip: str = "") -> int:
    """End every session of the user but this one (audit-logged); returns how many ended."""
    result = session.exec(delete(AuthSession).where(AuthSession.user_id == user_id,
                                                    AuthSession.public_id != current_public_id))
    count = result.rowcount or 0
    audit.record(session, action="account.sessions_revoked", actor_user_id=user_id,
                 subject_user_id=user_id, ip=ip, count=count)
    session.commit()
    return count


def recently_authenticated(session: Session, *, user_id: int, public_id: str) -> bool:
    """Whether this session logged in or re-entered the password within ``REAUTH_WINDOW``.

    Guards the data export (``api_mydata.py`` and the Mijn gegevens state). Raises nothing.
    """
    row = session.exec(select(AuthSession).where(AuthSession.public_id == public_id,
                                                 AuthSession.user_id == user_id)).first()
    if row is None:
        return False
    moment = max(row.created_at, row.reauth_at or row.created_at)
    now = clock.now()
    return now - REAUTH_WINDOW < moment <= now and row.expires_at > now


def check_password(session: Session, *, user_id: int, password, ip: str = "",
                   field: str = "password") -> User:
    """The user's password, or ``Invalid`` (logged) / ``Throttled`` after too many misses.

    Invalid("error.password_wrong", field=field) is audit-logged and committed, so the
    misses count even though the caller's action fails; Throttled("error.throttled") after
    ``MAX_FAILURES``; NotFound for an unknown user. Does not commit on success.
    """
    password = fields.raw_password(password, field=field)
    now = clock.now()
    failures = session.exec(select(func.count(AuditEvent.id)).where(
        AuditEvent.subject_user_id == user_id, AuditEvent.action == "account.password_check_failed",
        AuditEvent.created_at > now - REAUTH_WINDOW)).one()
    if failures >= MAX_FAILURES:
        raise Throttled("error.throttled", seconds=int(REAUTH_WINDOW.total_seconds()))
    user = session.get(User, user_id)
    if user is None:
        raise NotFound("error.not_found")
    ok, new_hash = passwords.verify(password, user.password_hash)
    if not ok:
        audit.record(session, action="account.password_check_failed", actor_user_id=user_id,
                     subject_user_id=user_id, ip=ip)
        session.commit()
        raise Invalid("error.password_wrong", field=field)
    if new_hash:
        user.password_hash = new_hash
        session.add(user)
    return user


def reauthenticate(session: Session, *, user_id: int, public_id: str, password, ip: str = "") -> None:
    """Password re-entered on this session: exports are allowed for ``REAUTH_WINDOW``.

    Raises the errors of ``check_password``, and Invalid("error.login_required") when the
    session is not the user's (any more).
    """
    check_password(session, user_id=user_id, password=password, ip=ip)
    row = session.exec(select(AuthSession).where(AuthSession.public_id == public_id,
                                                 AuthSession.user_id == user_id)).first()
    if row is None:
        raise Invalid("error.login_required")
    now = clock.now()
    row.reauth_at = now
    session.add(row)
    audit.record(session, action="account.password_reentered", actor_user_id=user_id,
                 subject_user_id=user_id, ip=ip)
    session.commit()

