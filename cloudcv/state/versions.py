"""The editor's "Versies" card (issue 23): the versions of the open CV, a named one saved,
one restored. A substate of ``EditorState``: the CV is the editor's server-side ``_cv``;
the services check that the CV and the version are the user's (``NotFound`` otherwise)."""

from __future__ import annotations

from ..services.core.db import in_session
from ..services.core.errors import DomainError
from ..services.cv import versions
from .cvs import EditorState
from .ids import any_id
from .events import event


class VersionsState(EditorState):
    """The versions list and the name field of the open CV."""

    versions: list[dict[str, str]] = []
    version_error: str = ""
    version_done: str = ""
    version_round: int = 0     # bumped after a save: remounts (empties) the name field
    _versions_of: int = 0      # the CV the message belongs to

    async def _reload_versions(self, uid: int) -> None:
        rows = await in_session(versions.list_versions, user_id=uid, cv_id=self._cv)
        self.versions = [{"id": str(v.id), "when": v.when, "name": v.name,
                          "reason": self._t(f"versions.reason.{v.reason}"),
                          "href": f"/api/cv/{self._cv}/versie/{v.id}.pdf"} for v in rows]

    @event
    async def load_versions(self):
        """When the card appears: the CV's versions. A restore remounts the editor's column
        (``form_key``), so the card's message stays while the CV is the same."""
        if self._versions_of != self._cv:
            self.version_error, self.version_done, self._versions_of = "", "", self._cv
        user = await self._current_user()
        if user is not None and self._cv:
            await self._reload_versions(user.id)

    @event
    async def save_version(self, form: dict):
        """A named version of the CV as it is now."""
        user = await self._current_user()
        if user is None or not self._cv:
            return
        try:
            await in_session(versions.save_named, user_id=user.id, cv_id=self._cv,
                             name=form.get("name", "") if isinstance(form, dict) else "")
        except DomainError as exc:
            self.version_error, self.version_done = self._err(exc), ""
            return
        self.version_error, self.version_done = "", self._t("versions.saved")
        self.version_round += 1
        await self._reload_versions(user.id)

    @event
    async def restore_version(self, version_id: str):
        """Make the CV what the version holds (the current CV becomes a version first)."""
        user = await self._current_user()
        if user is None or not self._cv:
            return
        try:
            await in_session(versions.restore_version, user_id=user.id, cv_id=self._cv,
                             version_id=any_id(version_id))
        except DomainError as exc:
            self.version_error, self.version_done = self._err(exc), ""
            return
        self.version_error, self.version_done = "", self._t("versions.restored")
        await self._refresh(user.id)
        self._step = ""
        self.form_key = f"{self._cv}-{self.version}"  # the inputs show the restored text
        await self._reload_versions(user.id)
