"""Locking a CV against edits (issue 21): a locked CV can still be downloaded, previewed,
shared and sent, duplicated (the copy is unlocked), renamed and deleted from the list, but
no editor change reaches it: every change goes through ``checks.editable_cv`` /
``editable_entry`` (and ``cvs.set_field``'s own UPDATE), which refuse with
``error.cv_locked``. Unlocking is one click and always allowed to the owner.
"""

from __future__ import annotations

from sqlmodel import Session

from ..core.errors import Invalid
from .checks import owned_cv, touch


def set_locked(session: Session, *, user_id: int, cv_id, locked) -> None:
    """Lock (``True``) or unlock (``False``) one of the user's CVs. The owner only: other
    users get ``NotFound``; a non-bool raises ``Invalid``."""
    cv = owned_cv(session, user_id=user_id, cv_id=cv_id)
    if not isinstance(locked, bool):
        raise Invalid("error.invalid_input", field="lock")
    cv.locked = locked
    touch(session, cv)
    session.commit()
