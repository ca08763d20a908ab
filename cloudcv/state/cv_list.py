"""``/cv`` (the list of a user's CVs): create, duplicate, rename, import, delete; thin
handlers over services.cvs.

Every handler resolves the user from the session cookie in the database and passes the
user id to the service, which checks ownership. The client only ever names ids.
"""

from __future__ import annotations

import asyncio

import reflex as rx

from ..services.core.db import in_session
from ..services.core.errors import DomainError
from ..services.cv import cvs, jsonresume, reading
from ..services.privacy import trash
from .base import LoggedInState
from .events import event
from .ids import required_id
from .importing import ImportState
from .trash import TrashState


class CVListState(LoggedInState):
    """``/cv``: the user's CVs; create, duplicate, rename, delete."""

    items: list[dict[str, str]] = []
    new_title: str = ""
    errors: dict[str, str] = {}
    rename_id: str = ""
    rename_value: str = ""
    delete_id: str = ""
    imported_id: str = ""                # the CV a resume.json import just made
    imported_notes: list[str] = []       # what of that file found no place in it
    import_problems: list[str] = []      # why a file was refused
    importing: bool = False

    async def _uid(self) -> int | None:
        user = await self._current_user()
        return user.id if user else None

    async def _reload(self, uid: int) -> None:
        rows = await in_session(cvs.list_cvs, user_id=uid)
        self.items = [{"id": str(r.id), "title": r.title, "updated": r.updated,
                       "template": r.template} for r in rows]

    @event
    async def load(self):
        """on_load of /cv: the list (login required)."""
        uid = await self._uid()
        if uid is None:
            self.flash = "error.login_required"
            return rx.redirect("/inloggen")
        self.errors, self.rename_id, self.delete_id = {}, "", ""
        await self._reload(uid)
        await (await self.get_state(TrashState))._reload(uid)

    @event
    def set_new_title(self, value: str):
        """The title typed for a new CV."""
        self.new_title = value if isinstance(value, str) else ""

    @event
    async def create(self, form: dict):
        """Create a CV and open it in the editor."""
        uid = await self._uid()
        if uid is None:
            return rx.redirect("/inloggen")
        title = form.get("title") if isinstance(form, dict) else None
        try:
            cv_id = await in_session(cvs.create_cv, user_id=uid, title=title, lang=self.lang)
        except DomainError as exc:
            self.errors = {"title": self._err(exc)}
            return
        self.errors, self.new_title = {}, ""
        return rx.redirect(f"/cv/{cv_id}")

    @event
    async def duplicate(self, cv_id: str):
        """Copy a CV (its title gets the copy suffix)."""
        uid = await self._uid()
        if uid is None:
            return rx.redirect("/inloggen")
        try:
            await in_session(cvs.duplicate_cv, user_id=uid, cv_id=required_id(cv_id),
                             title_suffix=self._t("cvs.copy_suffix"))
        except DomainError as exc:
            self.errors = {"list": self._err(exc)}
        await self._reload(uid)

    @event
    async def import_resume(self, files: list[rx.UploadFile]):
        """A new CV from an uploaded ``resume.json`` (JSON Resume); nothing is created when
        the file is refused, and the reasons are listed. A PDF or Word file goes to the
        review page (``state/importing.py``) instead."""
        uid = await self._uid()
        if uid is None:
            yield rx.redirect("/inloggen")
            return
        self.errors, self.imported_id, self.imported_notes, self.import_problems = {}, "", [], []
        self.importing = True
        yield
        try:
            one = files[0] if isinstance(files, list) and len(files) == 1 else None
            raw = await asyncio.to_thread(reading.read_upload, getattr(one, "file", None))
            if reading.kind_of(raw):  # a PDF or Word file: read, then reviewed on its own page
                review = await self.get_state(ImportState)
                if await review._begin(raw, getattr(one, "filename", "") or ""):
                    yield rx.redirect("/cv/importeren")
                else:
                    self.errors = {"import": review.error}
                return
            try:
                result = await in_session(jsonresume.import_cv, user_id=uid, raw=raw, title=None)
            except jsonresume.ImportRefused as exc:
                self.errors = {"import": self._err(exc)}
                self.import_problems = [self._problem(p) for p in exc.problems]
                return
            except DomainError as exc:
                self.errors = {"import": self._err(exc)}
                return
            self.imported_id = str(result.cv_id)
            self.imported_notes = [f"{u.path}: {self._t(u.reason)}" + (f" ({u.detail})" if u.detail else "")
                                   for u in result.unmapped[:50]]
            await self._reload(uid)
        finally:
            self.importing = False

    def _problem(self, problem: str) -> str:
        """``$.path: error.key`` with the key in the UI language (schema messages as they are)."""
        where, _, what = problem.partition(": ")
        key = what.split(" ", 1)[0]
        return f"{where}: {self._t(key)}{what[len(key):]}" if key.startswith("error.") else problem

    @event
    def start_rename(self, cv_id: str, title: str):
        """Open the rename dialog of a CV."""
        self.rename_id, self.rename_value = str(cv_id), str(title)

    @event
    def cancel_dialogs(self):
        """Close the rename and delete dialogs."""
        self.rename_id, self.delete_id, self.errors = "", "", {}

    @event
    async def rename(self, form: dict):
        """Rename the CV whose dialog is open."""
        uid = await self._uid()
        if uid is None:
            return rx.redirect("/inloggen")
        title = form.get("title") if isinstance(form, dict) else None
        try:
            await in_session(cvs.rename_cv, user_id=uid, cv_id=required_id(self.rename_id), title=title)
        except DomainError as exc:
            self.errors = {"rename": self._err(exc)}
            return
        self.rename_id, self.errors = "", {}
        await self._reload(uid)

    @event
    def ask_delete(self, cv_id: str):
        """Open the delete confirmation of a CV."""
        self.delete_id = str(cv_id)

    @event
    async def confirm_delete(self):
        """Move the CV whose confirmation is open to the trash (``state/trash.py``)."""
        uid = await self._uid()
        if uid is None:
            return rx.redirect("/inloggen")
        try:
            await in_session(trash.trash_cv, user_id=uid, cv_id=required_id(self.delete_id))
        except DomainError as exc:
            self.errors = {"list": self._err(exc)}
        self.delete_id = ""
        await self._reload(uid)
        await (await self.get_state(TrashState))._reload(uid)
        self.flash = "cvs.deleted"
