"""``/cv/[cv_id]`` (the editor): thin handlers over services.cvs (the list: ``cv_list.py``).

Every handler resolves the user from the session cookie in the database and passes the
user id to the service, which checks ownership. The client only ever names ids.
"""

from __future__ import annotations

import asyncio
import time

import reflex as rx

from ..services.accounts import sessions
from ..services.core.db import in_session, write
from ..services.core.errors import Invalid, NotFound
from ..services.cv import cvs, entries, history, lock, photos
from ..services.cv.pdf import is_warm, unprintable
from .base import LoggedInState
from .events import event
from .ids import any_id, required_id


def _entry_dict(e: entries.EntryView) -> dict[str, str]:
    return {"id": str(e.id), "section": e.section, "title": e.title,
            "organisation": e.organisation, "location": e.location, "start": e.start,
            "end": e.end, "current": "1" if e.current else "", "description": e.description,
            "level": e.level}


class EditorState(LoggedInState):
    """``/cv/[cv_id]``: edit one CV; every change is saved at once and the preview follows."""

    found: bool = True
    loaded: bool = False
    title: str = ""
    template: str = "accent"
    accent: str = "#3e63dd"
    cv_lang: str = "nl"
    values: dict[str, str] = {}
    birth_date: str = ""
    licences: list[str] = []
    hidden: list[str] = []
    omit: list[str] = []
    has_photo: bool = False
    work: list[dict[str, str]] = []
    education: list[dict[str, str]] = []
    skills: list[dict[str, str]] = []
    languages: list[dict[str, str]] = []
    errors: dict[str, str] = {}
    status: str = ""          # "", "saving", "saved", "error"
    version: int = 0          # bumps after every change: refreshes the preview image
    acked: int = 0            # the page's change counter up to which saves have answered
    form_key: str = ""        # changes per load: remounts the (uncontrolled) inputs
    uploading: bool = False
    typo: dict[str, str] = {}  # typography.view_of: the layout panel's (state/layout.py) values
    sections: list[dict[str, str]] = []  # sections.view_of: the section list (state/sections.py)
    section_names: dict[str, str] = {}  # the user's own section names, by key
    own: list[dict[str, str]] = []  # the user's own sections (key, title), in the CV's order
    own_entries: list[dict[str, str]] = []  # their entries (each with its "section" key)
    locked: bool = False
    anonymous: bool = False   # this tab previews and downloads the anonymous CV (issue 22)
    undo_steps: int = 0       # history.py: steps that can be undone / redone
    redo_steps: int = 0
    unprintable: str = ""     # characters no shipped font draws (printed as □), space-separated
    _cv: int = 0
    _unprintable: dict[str, list[str]] = {}  # the same, per text field (step label)
    _step: str = ""           # the typing step the last text save belonged to (see _stepped)
    _step_at: float = 0.0
    _saved: dict[str, str] = {}  # text saved since the last load/refresh, by step label

    @rx.var
    def preview_src(self) -> str:
        """The preview image's address; the version makes the browser fetch it anew."""
        anonymous = "&anoniem=1" if self.anonymous else ""
        return f"/api/cv/{self._cv}/preview.jpg?v={self.version}{anonymous}" if self.loaded else ""

    @rx.var
    def download_href(self) -> str:
        """The PDF's download address."""
        return f"/api/cv/{self._cv}/pdf{self._as()}" if self.loaded else ""

    @rx.var
    def resume_href(self) -> str:
        """The JSON Resume download's address (issue 22)."""
        return f"/api/cv/{self._cv}/resume.json{self._as()}" if self.loaded else ""

    @rx.var
    def docx_href(self) -> str:
        """The Word download's address (issue 22)."""
        return f"/api/cv/{self._cv}/cv.docx{self._as()}" if self.loaded else ""

    @rx.var
    def markdown_href(self) -> str:
        """The Markdown download's address (issue 22)."""
        return f"/api/cv/{self._cv}/cv.md{self._as()}" if self.loaded else ""

    def _as(self) -> str:
        return "?anoniem=1" if self.anonymous else ""

    async def _uid(self) -> int | None:
        user = await self._current_user()
        return user.id if user else None

    def _apply(self, view: cvs.CVView) -> None:
        self._saved = {}
        self.title, self.template, self.accent, self.cv_lang = (view.title, view.template,
                                                                view.accent, view.lang)
        self.values = dict(view.values)
        self.typo = dict(view.typography)
        self.sections = [dict(s) for s in view.sections]
        self.section_names = {s["key"]: s["title"] for s in view.sections if s["custom"]}
        self.birth_date, self.licences = view.birth_date, list(view.licences)
        self.hidden, self.omit, self.has_photo = (list(view.hidden_sections),
                                                  list(view.omit_fields), view.has_photo)
        for section in entries.ENTRY_SECTIONS:
            setattr(self, section, [_entry_dict(e) for e in view.entries.get(section, [])])
        self.own = [{"key": s["key"], "title": s["title"]} for s in view.sections if s["own"]]
        self.own_entries = [_entry_dict(e) for s in self.own for e in view.entries.get(s["key"], [])]
        self.locked, self.undo_steps, self.redo_steps = view.locked, view.undo, view.redo
        self._unprintable = {}

    async def _applied(self, view: cvs.CVView) -> None:
        """:meth:`_apply`, then the unprintable characters of every text of the CV."""
        self._apply(view)
        texts = {f"field:{name}": value for name, value in self.values.items()}
        for rows in (self.work, self.education, self.skills, self.languages, self.own_entries):
            texts.update((f"entry:{row['id']}:{name}", value) for row in rows
                         for name, value in row.items() if name not in ("id", "section"))
        await self._check_printable(texts)

    async def _check_printable(self, texts: dict[str, str]) -> None:
        """Update :attr:`unprintable` for the text fields in ``texts`` (step label → text).
        Off the event loop when the font family's engine is not built yet (it parses fonts)."""
        font = self.typo.get("font", "")
        odd = {key: text for key, text in texts.items() if text and not text.isascii()}

        def scan() -> dict[str, list[str]]:
            return {key: unprintable([text], font) for key, text in odd.items()}

        chars = (scan() if is_warm(font) else await asyncio.to_thread(scan)) if odd else {}
        found = dict(self._unprintable)
        for key in texts:
            if chars.get(key):
                found[key] = chars[key]
            else:
                found.pop(key, None)
        self._unprintable = found
        self.unprintable = " ".join(dict.fromkeys(ch for chars in found.values() for ch in chars))

    async def _refresh(self, uid: int) -> None:
        view = await in_session(cvs.get_cv, user_id=uid, cv_id=self._cv)
        await self._applied(view)
        self.version += 1

    @event
    async def load(self):
        """on_load of /cv/[cv_id]: the CV, or "not found" when it is not the user's."""
        self.loaded, self.found, self.errors, self.status, self.acked = False, True, {}, "", 0
        self.anonymous = False
        uid = await self._uid()
        if uid is None:
            self.flash = "error.login_required"
            return rx.redirect("/inloggen")
        try:
            self._cv = required_id(self.router.url.path.rstrip("/").rsplit("/", 1)[-1])
            await self._refresh(uid)
        except NotFound:
            self.found, self._cv = False, 0
            return
        self.loaded = True
        self.form_key = f"{self._cv}-{self.version}"

    def _current(self, step: str) -> str | None:
        """The text the field of ``step`` ("field:<name>" / "entry:<id>:<name>") holds now,
        as far as this tab knows."""
        if step in self._saved:
            return self._saved[step]
        kind, _, rest = step.partition(":")
        if kind == "field":
            return self.values.get(rest)
        entry_id, _, name = rest.partition(":")
        for rows in (self.work, self.education, self.skills, self.languages, self.own_entries):
            for row in rows:
                if row.get("id") == entry_id:
                    return row.get(name)
        return None

    def _stepped(self, action, step: str | None, value=None):
        """``action`` preceded, in its transaction, by a new undo step (``history.record``),
        or ``action`` alone (False) when it changes nothing (``value`` is the text the field
        already holds) or continues the typing step of the last save: the same text field
        (``step``) within a minute. ``step`` None: always a new step."""
        now = time.monotonic()
        if step is not None and isinstance(value, str) and value.strip() == (self._current(step) or "").strip():
            return action, False
        if step is not None and step == self._step and now - self._step_at < 60:
            self._step_at = now
            return action, False
        cv_id = self._cv

        def with_step(session, *, user_id: int, **kwargs):
            history.record(session, user_id=user_id, cv_id=cv_id)
            return action(session, user_id=user_id, **kwargs)
        return with_step, True

    async def _do(self, fn, *, error_key: str, refresh: bool = False, heavy: bool = False,
                  step: str | None = None, undoable: bool = True, **kwargs):
        """Run one edit: saving → saved, or the error next to ``error_key``.

        The session check, the undo step (``undoable``; ``step`` names a typing step, see
        :meth:`_stepped`), the change and (``refresh``) the CV as it is now are one
        transaction on the writer thread (``db.write``: group commit); the answer leaves
        only after that commit, so "Opgeslagen" means it is on disk. ``heavy`` work (the
        photo's image processing) runs on the thread pool instead, not in front of saves.
        """
        if not self.loaded:
            return None if await self._uid() is not None else rx.redirect("/inloggen")
        token = self._session_token()
        action, recorded = (self._stepped(fn, step, kwargs.get("value")) if undoable
                            else (fn, False))
        action = _and_view(action, self._cv) if refresh else action
        runner = in_session if heavy else write
        try:
            user, view = await runner(sessions.acting, token=token, action=action, **kwargs)
        except Invalid as exc:
            self.errors = {**self.errors, error_key: self._err(exc)}
            self.status = "error"
            return None
        except NotFound:
            self.found, self.loaded = False, False
            return None
        if self._resolved(token, user) is None:
            self.flash = "error.login_required"
            return rx.redirect("/inloggen")
        self.errors = {k: v for k, v in self.errors.items() if k != error_key}
        self.status = "saved"
        if step is not None and isinstance(kwargs.get("value"), str):
            self._saved = {**self._saved, step: kwargs["value"]}
            await self._check_printable({step: kwargs["value"]})
        if recorded:
            self._step, self._step_at = step or "", time.monotonic()
            self.undo_steps, self.redo_steps = min(self.undo_steps + 1, history.MAX_STEPS), 0
        if refresh:
            await self._applied(view)
        self.version += 1
        return None

    def _ack(self, seq) -> None:
        """The page counts changes typed (``cv_fields.TYPED``) and sends the count with each
        save; "Opslaan…" shows until a save with the newest count has answered."""
        if isinstance(seq, int) and not isinstance(seq, bool) and 0 <= seq < 2**31:
            self.acked = max(self.acked, seq)

    @event
    async def save_field(self, name: str, value: str, seq: int = 0):
        """Save one text field of the CV (``seq``: the page's change count, see ``_ack``)."""
        if name not in cvs.TEXT_FIELDS:
            return
        result = await self._do(cvs.set_field, error_key=name, cv_id=self._cv, name=name,
                                value=value, step=f"field:{name}")
        if not self.errors.get(name) and isinstance(value, str):
            self.values = {**self.values, name: value.strip()}
        self._ack(seq)
        return result

    @event
    async def save_birth_date(self, value: str):
        """Save the date of birth."""
        result = await self._do(cvs.set_birth_date, error_key="birth_date", cv_id=self._cv,
                                value=value)
        if "birth_date" not in self.errors and isinstance(value, str):
            self.birth_date = value
        return result

    @event
    async def toggle_licence(self, code: str, on: bool):
        chosen = [c for c in self.licences if c != code] + ([code] if on is True else [])
        await self._do(cvs.set_licences, error_key="driving_licence", cv_id=self._cv,
                       licences=chosen)
        if "driving_licence" not in self.errors:
            self.licences = [c for c in cvs.LICENCES if c in chosen]

    @event
    async def set_template(self, value: str):
        await self._do(cvs.set_layout, error_key="template", cv_id=self._cv, template=value,
                       refresh=True)

    @event
    async def set_accent(self, value: str):
        await self._do(cvs.set_layout, error_key="accent", cv_id=self._cv, accent=value,
                       refresh=True)

    @event
    async def set_cv_lang(self, value: str):
        await self._do(cvs.set_layout, error_key="lang", cv_id=self._cv, lang=value, refresh=True)

    @event
    async def set_hidden(self, section: str, hidden: bool):
        """Hide a section from the PDF, or show it again."""
        await self._do(cvs.set_section_hidden, error_key="sections", cv_id=self._cv,
                       section=section, hidden=hidden, refresh=True)

    @event
    async def set_omit(self, name: str, omit: bool):
        """Leave one field out of the PDF, or put it back."""
        await self._do(cvs.set_omitted, error_key="omit", cv_id=self._cv, name=name, omit=omit,
                       refresh=True)

    @event
    async def add_entry(self, section: str):
        """Add an empty entry to a section (work, education, skills, languages)."""
        await self._do(entries.add_entry, error_key=f"add.{section}", cv_id=self._cv,
                       section=section, refresh=True)

    @event
    async def save_entry(self, entry_id: str, name: str, value: str, seq: int = 0):
        """Save one field of an entry (``seq`` as in ``save_field``)."""
        result = await self._do(entries.set_entry_field, error_key=f"{entry_id}.{name}",
                                entry_id=any_id(entry_id), name=name, value=value,
                                step=f"entry:{entry_id}:{name}")
        self._ack(seq)
        return result

    @event
    async def set_entry_flag(self, entry_id: str, name: str, value: bool):
        """Set a yes/no field of an entry (e.g. "current")."""
        await self._do(entries.set_entry_field, error_key=f"{entry_id}.{name}",
                       entry_id=any_id(entry_id), name=name, value=value, refresh=True)

    @event
    async def move_entry(self, entry_id: str, direction: int):
        """Move an entry up (-1) or down (1)."""
        await self._do(entries.move_entry, error_key=f"{entry_id}.move",
                       entry_id=any_id(entry_id), direction=direction, refresh=True)

    @event
    async def delete_entry(self, entry_id: str):
        """Delete an entry."""
        await self._do(entries.delete_entry, error_key=f"{entry_id}.delete",
                       entry_id=any_id(entry_id), refresh=True)

    @event
    async def upload_photo(self, files: list[rx.UploadFile]):
        """Store one uploaded photo, cleaned of metadata."""
        self.uploading = True
        yield
        try:
            if not isinstance(files, list) or len(files) != 1:
                self.errors = {**self.errors, "photo": self._t("error.photo_invalid")}
                return
            try:  # at most 10 MB + 1 byte of the spooled upload is ever read into memory
                raw = await asyncio.to_thread(photos.read_upload, getattr(files[0], "file", None))
            except Invalid as exc:
                self.errors = {**self.errors, "photo": self._err(exc)}
                return
            await self._do(cvs.set_photo, error_key="photo", cv_id=self._cv, raw=raw,
                           refresh=True, heavy=True, undoable=False)
        finally:
            self.uploading = False

    @event
    async def remove_photo(self):
        """Remove the photo."""
        await self._do(cvs.remove_photo, error_key="photo", cv_id=self._cv, refresh=True,
                       undoable=False)

    @event
    def set_anonymous(self, on: bool):
        """Preview and download the anonymous CV ("anoniem solliciteren"), or the CV."""
        if isinstance(on, bool):
            self.anonymous = on
            self.version += 1

    @event
    async def set_locked(self, locked: bool):
        """Lock the CV against edits, or unlock it."""
        await self._do(lock.set_locked, error_key="lock", cv_id=self._cv, locked=locked,
                       refresh=True, undoable=False)

    async def _history(self, fn) -> None:
        await self._do(fn, error_key="history", cv_id=self._cv, refresh=True, undoable=False)
        if "history" not in self.errors:
            self._step = ""  # typing after an undo is a new step
            self.form_key = f"{self._cv}-{self.version}"  # the inputs show the restored text

    @event
    async def undo(self):
        """Undo the last change (Ctrl+Z outside a text field, or the button)."""
        await self._history(history.undo)

    @event
    async def redo(self):
        """Redo the change undone last (Ctrl+Shift+Z / Ctrl+Y, or the button)."""
        await self._history(history.redo)


def _and_view(edit, cv_id: int):
    """``edit`` followed, in the same transaction, by the CV as the editor shows it."""
    def action(session, *, user_id: int, **kwargs):
        edit(session, user_id=user_id, **kwargs)
        return cvs.get_cv(session, user_id=user_id, cv_id=cv_id)
    return action

