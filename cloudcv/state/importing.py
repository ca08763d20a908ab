"""``/cv/importeren``: a CV in PDF or Word read on our server, reviewed, then created (issue 22).

The upload is read (``services/cv/importing.read_document``) off the event loop and dropped;
what was recognised is held in this state (the tab's, never the database) until the user
creates the CV or discards the review. Every handler checks the user and its payload: keys
and field names against the review's own, flags against "1"/"".
"""

from __future__ import annotations

import asyncio
import re

import reflex as rx

from ..services.core.db import in_session
from ..services.core.errors import DomainError
from ..services.cv import importing, reading
from ..services.cv.entries import CEFR
from ..services.cv.importing import ENTRY_KEYS
from ..services.cv.recognise import FIELDS
from .base import LoggedInState
from .events import event

_FILE_TITLE = re.compile(r"[^\w\- ]+", re.UNICODE)


def _own_title(own: list[str], section: str) -> str:
    """The title of an ``own<n>`` section ("" for a built-in one)."""
    if section.startswith("own") and section[3:].isdigit() and int(section[3:]) < len(own):
        return own[int(section[3:])]
    return ""


class ImportState(LoggedInState):
    """The review of one uploaded CV file: fields and entries, each kept or dropped."""

    fields: list[dict[str, str]] = []     # name, value, keep ("1"/"")
    entries: list[dict[str, str]] = []    # key, section, title…, keep
    own: list[str] = []
    leftover: list[str] = []
    notes: list[str] = []                 # translated
    lang: str = "nl"
    file_title: str = ""
    problems: dict[str, str] = {}         # field or "e3.start" → translated message
    error: str = ""
    reading_file: bool = False

    @rx.var
    def has_review(self) -> bool:
        return bool(self.fields or self.entries)

    @rx.var
    def kept_count(self) -> int:
        return sum(1 for f in self.fields if f.get("keep")) + sum(1 for e in self.entries if e.get("keep"))

    async def _uid(self) -> int | None:
        user = await self._current_user()
        return user.id if user else None

    def _clear(self) -> None:
        self.fields, self.entries, self.own, self.leftover, self.notes = [], [], [], [], []
        self.problems, self.error, self.file_title, self.lang = {}, "", "", "nl"

    async def _begin(self, raw: bytes, filename: str) -> bool:
        """Read ``raw`` (a PDF or DOCX) into the review; False with :attr:`error` when it
        is refused. Not an event (no client may call it): ``CVListState.import_resume`` and
        :meth:`upload` call it."""
        self._clear()
        try:
            review = await asyncio.to_thread(importing.read_document, raw)
        except reading.Unreadable as exc:
            self.error = self._t(exc.key)
            return False
        self.lang = review.lang
        self.fields = [{**f, "keep": "1"} for f in review.fields]
        self.entries = [{**e, "keep": "1", "section_title": _own_title(review.own, e["section"])}
                        for e in review.entries]
        self.own = review.own
        self.leftover = review.leftover
        self.notes = [self._t(n) for n in review.notes]
        stem = filename.rsplit(".", 1)[0] if isinstance(filename, str) else ""
        self.file_title = " ".join(_FILE_TITLE.sub(" ", stem).split())[:80]
        return True

    @event
    async def upload(self, files: list[rx.UploadFile]):
        """A PDF or Word file from the review page itself."""
        if await self._uid() is None:
            yield rx.redirect("/inloggen")
            return
        self.reading_file = True
        yield
        try:
            one = files[0] if isinstance(files, list) and len(files) == 1 else None
            raw = await asyncio.to_thread(reading.read_upload, getattr(one, "file", None))
            if raw.lstrip()[:1] in (b"{", b"["):
                self._clear()
                self.error = self._t("error.import_use_json")
                return
            await self._begin(raw, getattr(one, "filename", "") or "")
        finally:
            self.reading_file = False

    def _field(self, name) -> dict | None:
        return next((f for f in self.fields if f["name"] == name), None) if isinstance(name, str) else None

    def _entry(self, key) -> dict | None:
        return next((e for e in self.entries if e["key"] == key), None) if isinstance(key, str) else None

    @event
    def set_field(self, name: str, value: str):
        f = self._field(name)
        if f is not None and isinstance(value, str) and name in FIELDS:
            f["value"] = value[:6000]
            self.fields = list(self.fields)
            self.problems = {k: v for k, v in self.problems.items() if k != name}

    @event
    def keep_field(self, name: str, keep: bool):
        f = self._field(name)
        if f is not None and isinstance(keep, bool):
            f["keep"] = "1" if keep else ""
            self.fields = list(self.fields)

    @event
    def set_entry(self, key: str, name: str, value: str):
        e = self._entry(key)
        if e is None or not isinstance(value, str) or name not in (*ENTRY_KEYS, "current"):
            return
        if name == "level" and value not in ("", *CEFR):
            return
        if name == "current":
            value = "1" if value == "1" else ""
        e[name] = value[:6000]
        self.entries = list(self.entries)
        self.problems = {k: v for k, v in self.problems.items() if k != f"{key}.{name}"}

    @event
    def keep_entry(self, key: str, keep: bool):
        e = self._entry(key)
        if e is not None and isinstance(keep, bool):
            e["keep"] = "1" if keep else ""
            self.entries = list(self.entries)

    @event
    def discard(self):
        self._clear()

    @event
    async def create(self):
        """The CV from what is kept; on a problem nothing is created and each is shown."""
        uid = await self._uid()
        if uid is None:
            yield rx.redirect("/inloggen")
            return
        if not self.has_review:
            return
        fields = {f["name"]: f["value"] for f in self.fields if f.get("keep")}
        entries = [{k: e.get(k, "") for k in ("key", "section", *ENTRY_KEYS, "current")}
                   for e in self.entries if e.get("keep")]
        try:
            cv_id = await in_session(importing.create_reviewed, user_id=uid, lang=self.lang,
                                     title=self.file_title, fields=fields, own=list(self.own),
                                     entries=entries)
        except importing.ReviewRefused as exc:
            self.problems = {k: self._t(v) for k, v in exc.problems.items()}
            self.error = self._t(exc.key)
            return
        except DomainError as exc:
            self.error = self._err(exc)
            return
        self._clear()
        yield rx.redirect(f"/cv/{cv_id}")

