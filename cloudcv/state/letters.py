"""Cover letters (issue 23): the editor's "Brieven" card (a substate of ``EditorState``: the
CV is the editor's server-side ``_cv``) and the letter page ``/brief/[letter_id]``. Thin
handlers over ``services/cv/letters.py``, which checks that letter and CV are the user's."""

from __future__ import annotations

import reflex as rx

from ..services.core.db import in_session
from ..services.core.errors import DomainError
from ..services.cv import letters
from .base import LoggedInState
from .cvs import EditorState
from .ids import any_id
from .events import event


class LettersState(EditorState):
    """The letters of the open CV."""

    letter_rows: list[dict[str, str]] = []
    letters_error: str = ""

    async def _reload_letters(self, uid: int) -> None:
        rows = await in_session(letters.list_letters, user_id=uid, cv_id=self._cv)
        self.letter_rows = [{"id": str(r.id), "title": r.values["title"], "updated": r.updated}
                            for r in rows]

    @event
    async def load_letters(self):
        """When the card appears: the CV's letters."""
        self.letters_error = ""
        user = await self._current_user()
        if user is not None and self._cv:
            await self._reload_letters(user.id)

    @event
    async def new_letter(self):
        """A new letter for this CV; its page opens."""
        user = await self._current_user()
        if user is None or not self._cv:
            return
        try:
            letter_id = await in_session(letters.create_letter, user_id=user.id, cv_id=self._cv)
        except DomainError as exc:
            self.letters_error = self._err(exc)
            return
        yield rx.redirect(f"/brief/{letter_id}")

    @event
    async def delete_letter(self, letter_id: str):
        """Delete one letter of this CV."""
        user = await self._current_user()
        if user is None or not self._cv:
            return
        try:
            await in_session(letters.delete_letter, user_id=user.id, letter_id=any_id(letter_id))
        except DomainError as exc:
            self.letters_error = self._err(exc)
        await self._reload_letters(user.id)


class LetterState(LoggedInState):
    """``/brief/[letter_id]``: one letter, saved field by field."""

    _letter: int = 0
    letter_cv: str = ""
    letter: dict[str, str] = {}
    letter_errors: dict[str, str] = {}
    letter_found: bool = True
    letter_saved: bool = False
    letter_key: str = ""       # changes per load: remounts the (uncontrolled) inputs
    _loads: int = 0

    @rx.var
    def pdf_href(self) -> str:
        return f"/api/brief/{self._letter}.pdf" if self._letter else ""

    @rx.var
    def docx_href(self) -> str:
        return f"/api/brief/{self._letter}.docx" if self._letter else ""

    @rx.var
    def markdown_href(self) -> str:
        return f"/api/brief/{self._letter}.md" if self._letter else ""

    @event
    async def load_letter(self):
        """on_load: the letter named in the URL, when it is the user's."""
        user = await self._current_user()
        if user is None:
            self.flash = "error.login_required"
            return rx.redirect("/inloggen")
        self.letter_errors, self.letter_saved = {}, False
        raw = self.router.url.path.rstrip("/").rsplit("/", 1)[-1]
        try:
            view = await in_session(letters.get_letter, user_id=user.id, letter_id=any_id(raw))
        except DomainError:
            self._letter, self.letter, self.letter_found, self.letter_cv = 0, {}, False, ""
            return None
        self._letter, self.letter, self.letter_found = view.id, dict(view.values), True
        self.letter_cv = str(view.cv_id)
        self._loads += 1
        self.letter_key = f"{view.id}-{self._loads}"
        return None

    @event
    async def save_letter_field(self, name: str, value: str):
        """Autosave one field of the letter."""
        user = await self._current_user()
        if user is None or not self._letter:
            return
        try:
            stored = await in_session(letters.set_letter_field, user_id=user.id,
                                      letter_id=self._letter, name=name, value=value)
        except DomainError as exc:
            self.letter_errors = {**self.letter_errors, str(name)[:40]: self._err(exc)}
            self.letter_saved = False
            return
        self.letter_errors = {k: v for k, v in self.letter_errors.items() if k != name}
        self.letter = {**self.letter, name: stored}
        self.letter_saved = True
