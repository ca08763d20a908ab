"""Admin actions on accounts: search, detail, abuse holds, block, resend verification,
roles. Every action re-checks the admin role and is written to the audit log.

What an abuse hold keeps (and for how long) is on the registry entries in ``models/`` that
say ``unless="abuse_hold"``; the retention sweep (services/privacy/retention.py) honours it.
Blocking ends the user's sessions (``accounts/sessions.py``)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import or_
from sqlmodel import Session, func, select

from ...models import CV, AbuseHold, User
from ..accounts import accounts, sessions
from ..core import audit, clock, fields
from ..core.authz import require_admin
from ..core.errors import Invalid, NotFound


@dataclass(frozen=True)
class UserRow:
    """One account in the admin list: identity, flags and dates, never CV content."""

    id: int
    name: str
    email: str
    role: str
    verified: bool
    blocked: bool
    restricted: bool
    on_hold: bool
    created: str
    last_login: str


@dataclass(frozen=True)
class HoldRow:
    """An abuse hold that is still in force."""

    id: int
    reason: str
    created: str


@dataclass(frozen=True)
class UserDetail:
    """One account for the admin detail view: its row, how many CVs, its active holds."""

    user: UserRow
    cv_count: int
    holds: list[HoldRow]


def _fmt(dt) -> str:
    return clock.format_datetime(dt, zone=True)


def _row(session: Session, user: User) -> UserRow:
    held = session.exec(select(AbuseHold.id).where(AbuseHold.user_id == user.id,
                                                   AbuseHold.lifted_at.is_(None))).first() is not None
    return UserRow(id=user.id, name=user.name, email=user.email, role=user.role,
                   verified=user.email_verified_at is not None, blocked=user.blocked,
                   restricted=user.restricted_at is not None, on_hold=held,
                   created=_fmt(user.created_at), last_login=_fmt(user.last_login_at))


def search(session: Session, *, admin_id: int, query="", limit: int = 50) -> list[UserRow]:
    """Accounts whose address or name contains ``query`` (any case), newest first.

    Admin only: ``require_admin`` raises Forbidden otherwise. Invalid from ``fields.text`` for a bad
    query.
    """
    require_admin(session, admin_id)
    query = fields.text(query, field="query", max_len=100)
    stmt = select(User).order_by(User.created_at.desc()).limit(limit)
    if query:
        like = f"%{query.lower()}%"
        stmt = stmt.where(or_(func.lower(User.email).like(like), func.lower(User.name).like(like)))
    return [_row(session, u) for u in session.exec(stmt).all()]


def _target(session: Session, admin_id, user_id) -> User:
    """The account an admin acts on: ``require_admin`` first, then NotFound("error.not_found")."""
    require_admin(session, admin_id)
    user = session.get(User, user_id) if fields.is_id(user_id) else None
    if user is None:
        raise NotFound("error.not_found")
    return user


def _log(session: Session, *, action: str, admin_id: int, user: User, **details) -> None:
    """Write the admin action on ``user`` to the audit log and commit it with the action."""
    audit.record(session, action=action, actor_user_id=admin_id, actor_role="admin",
                 subject_user_id=user.id, **details)
    session.commit()


def detail(session: Session, *, admin_id: int, user_id) -> UserDetail:
    """One account with its CV count and active abuse holds.

    Admin only: ``require_admin`` raises Forbidden otherwise. NotFound("error.not_found") for an
    unknown id.
    """
    user = _target(session, admin_id, user_id)
    holds = session.exec(select(AbuseHold).where(AbuseHold.user_id == user.id,
                                                 AbuseHold.lifted_at.is_(None))).all()
    cv_count = session.exec(select(func.count(CV.id)).where(CV.user_id == user.id)).one()
    return UserDetail(user=_row(session, user), cv_count=cv_count,
                      holds=[HoldRow(id=h.id, reason=h.reason, created=_fmt(h.created_at)) for h in holds])


def set_abuse_hold(session: Session, *, admin_id: int, user_id, reason) -> None:
    """Keep this user's security data past its period (§3.2.2), with a reason (audit-logged).

    Admin only: ``require_admin`` raises Forbidden otherwise. NotFound for an unknown user,
    Invalid("error.required") without a reason.
    """
    user = _target(session, admin_id, user_id)
    reason = fields.text(reason, field="reason", max_len=500, required=True)
    session.add(AbuseHold(user_id=user.id, reason=reason, created_by=admin_id, created_at=clock.now()))
    _log(session, action="admin.abuse_hold.set", admin_id=admin_id, user=user, reason=reason)


def lift_abuse_hold(session: Session, *, admin_id: int, user_id) -> int:
    """Lift every active hold of the user (audit-logged); returns how many were lifted.

    Admin only: ``require_admin`` raises Forbidden otherwise. NotFound for an unknown user.
    """
    user = _target(session, admin_id, user_id)
    holds = session.exec(select(AbuseHold).where(AbuseHold.user_id == user.id,
                                                 AbuseHold.lifted_at.is_(None))).all()
    for hold in holds:
        hold.lifted_at = clock.now()
        session.add(hold)
    _log(session, action="admin.abuse_hold.lift", admin_id=admin_id, user=user, holds=len(holds))
    return len(holds)


def set_blocked(session: Session, *, admin_id: int, user_id, blocked) -> None:
    """Block (and log out everywhere) or unblock an account (audit-logged).

    Admin only: ``require_admin`` raises Forbidden otherwise. NotFound for an unknown user;
    Invalid("error.invalid_input") when ``blocked`` is not a bool,
    Invalid("admin.error.not_yourself") for the admin's own account.
    """
    user = _target(session, admin_id, user_id)
    if not isinstance(blocked, bool):
        raise Invalid("error.invalid_input")
    if user.id == admin_id:
        raise Invalid("admin.error.not_yourself")
    user.blocked = blocked
    session.add(user)
    if blocked:
        sessions.end_all(session, user_id=user.id, commit=False)
    _log(session, action="admin." + ("block" if blocked else "unblock"),
         admin_id=admin_id, user=user)


def set_role(session: Session, *, admin_id: int, user_id, role) -> None:
    """Make an account "user" or "admin" (audit-logged).

    Admin only: ``require_admin`` raises Forbidden otherwise. NotFound for an unknown user;
    Invalid("error.invalid_input") for another role, Invalid("admin.error.not_yourself") for the
    admin's own account.
    """
    user = _target(session, admin_id, user_id)
    if role not in ("user", "admin"):
        raise Invalid("error.invalid_input")
    if user.id == admin_id:
        raise Invalid("admin.error.not_yourself")
    user.role = role
    session.add(user)
    _log(session, action="admin.role", admin_id=admin_id, user=user, role=role)


def resend_verification(session: Session, *, admin_id: int, user_id) -> None:
    """Mail a fresh verification link to an unverified account (audit-logged).

    Admin only: ``require_admin`` raises Forbidden otherwise. NotFound for an unknown user,
    Invalid("admin.error.already_verified").
    """
    user = _target(session, admin_id, user_id)
    if user.email_verified_at is not None:
        raise Invalid("admin.error.already_verified")
    accounts.send_verification(session, user)
    _log(session, action="admin.resend_verification", admin_id=admin_id, user=user)
