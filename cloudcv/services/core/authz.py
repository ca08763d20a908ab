"""The admin role guard, shared by every domain that has an admin view.

Every admin service function takes ``admin_id`` and calls ``require_admin`` first, so an
event fired by a non-admin client is refused in the service, whatever the UI shows. An
admin without an active second factor is refused too (issue 24): the console opens only
after two-step verification is on (``services/accounts/two_factor.py``).
"""

from __future__ import annotations

from sqlmodel import Session

from sqlmodel import select

from ...models import TwoFactor, User
from . import fields
from .errors import Forbidden


def has_second_factor(session: Session, user_id: int) -> bool:
    """Whether the account has an active second factor."""
    return session.exec(select(TwoFactor.id).where(
        TwoFactor.user_id == user_id, TwoFactor.confirmed_at.is_not(None))).first() is not None


def require_admin(session: Session, admin_id) -> User:
    """The admin behind ``admin_id``; raises ``Forbidden`` for anyone else (blocked admins
    too), and Forbidden("error.admin_needs_2fa") for an admin without a second factor."""
    user = session.get(User, admin_id) if fields.is_id(admin_id) else None
    if user is None or user.role != "admin" or user.blocked:
        raise Forbidden("error.forbidden")
    if not has_second_factor(session, user.id):
        raise Forbidden("error.admin_needs_2fa")
    return user
