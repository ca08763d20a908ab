"""Admin-side queries. Every function takes the acting admin's id and re-checks the role."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, func, select

from ..models import OutboxMail, User
from .errors import Forbidden


@dataclass(frozen=True)
class Overview:
    users: int
    queued_mail: int


def require_admin(session: Session, admin_id: int) -> User:
    user = session.get(User, admin_id)
    if user is None or user.role != "admin" or user.blocked:
        raise Forbidden("error.forbidden")
    return user


def overview(session: Session, *, admin_id: int) -> Overview:
    require_admin(session, admin_id)
    users = session.exec(select(func.count(User.id))).one()
    queued = session.exec(select(func.count(OutboxMail.id)).where(OutboxMail.status == "queued")).one()
    return Overview(users=users, queued_mail=queued)
