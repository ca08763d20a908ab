"""The trash on ``/cv`` (issue 23): restore a deleted CV, erase one now, or empty the trash.
Thin handlers over ``services/privacy/trash.py``; the CV list (``state/cvs.py``) moves a CV
here and refreshes this list."""

from __future__ import annotations


from ..services.core.db import in_session
from ..services.core.errors import DomainError
from ..services.privacy import trash
from .base import LoggedInState
from .events import event
from .ids import client_id

ALL = "all"  # erase_id for "Prullenbak legen"


class TrashState(LoggedInState):
    """The user's trash: the list, and the one confirmation an erasure needs."""

    items: list[dict[str, str]] = []
    erase_id: str = ""        # a CV id, ALL, or "" (no confirmation open)
    error: str = ""

    async def _uid(self) -> int | None:
        user = await self._current_user()
        return user.id if user else None

    async def _reload(self, uid: int) -> None:
        """Read the trash again (also called by ``CVListState``)."""
        rows = await in_session(trash.list_trash, user_id=uid)
        self.items = [{"id": str(r.id), "title": r.title, "trashed": r.trashed,
                       "erased_on": r.erased_on, "days_left": str(r.days_left)} for r in rows]

    async def _run(self, fn, **kwargs) -> None:
        uid = await self._uid()
        if uid is None:
            return
        self.error = ""
        try:
            await in_session(fn, user_id=uid, **kwargs)
        except DomainError as exc:
            self.error = self._err(exc)
        await self._reload(uid)

    @event
    async def restore(self, cv_id: str):
        """Put a CV back in the list, as it was."""
        await self._run(trash.restore_cv, cv_id=_id(cv_id))
        from .cv_list import CVListState

        uid = await self._uid()
        if uid is not None:
            await (await self.get_state(CVListState))._reload(uid)
        self.flash = "trash.restored"

    @event
    def ask_erase(self, cv_id: str):
        """Open the confirmation to erase one CV of the trash (or all: ``"all"``) now."""
        self.erase_id = cv_id if cv_id == ALL or _id(cv_id) else ""  # the string, checked

    @event
    def cancel_erase(self):
        self.erase_id = ""

    @event
    async def confirm_erase(self):
        """Erase what the open confirmation names, for good."""
        target, self.erase_id = self.erase_id, ""
        if target == ALL:
            await self._run(trash.empty_trash)
        elif target:
            await self._run(trash.erase_cv, cv_id=_id(target))
        else:
            return
        self.flash = "trash.erased"


def _id(value) -> int:
    """A CV id from the client (``ids.client_id``; 0, which is no id, otherwise)."""
    return client_id(value) or 0
