"""The admin role guard, shared by every domain that has an admin view.

Every admin service function takes ``admin_id`` and calls ``require_admin`` first, so an
event fired by a non-admin client is refused in the service, whatever the UI shows.
"""

from __future__ import annotations

from sqlmodel import Session

from ...models import User
from . import fields
from .errors import Forbidden


def require_admin(session: Session, admin_id) -> User:
    """The admin behind ``admin_id``; raises ``Forbidden`` for anyone else (blocked admins too)."""
    user = session.get(User, admin_id) if fields.is_id(admin_id) else None
    if user is None or user.role != "admin" or user.blocked:
        raise Forbidden("error.forbidden")
    return user
