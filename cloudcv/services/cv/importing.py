"""A new CV from an existing one in PDF or Word, after the user has reviewed it (issue 22).

:func:`read_document` reads the upload (``reading.py``: a limited child process, the bytes
on a pipe, nothing written to disk) and recognises it (``recognise.py``); the result is a
:class:`Review` of plain values only, for the review screen, where the user keeps, edits or
drops each field and entry. Nothing is stored until :func:`create_reviewed`: it checks every
value exactly as the editor does (the same limits, e-mail, phone, URL and date rules) and
either refuses with a problem per field (:class:`ReviewRefused`, nothing created) or writes
the CV, its own sections and its entries in one transaction (:func:`write_cv`, which the
JSON Resume import shares). The uploaded bytes are never kept: they live in the handler's
memory until the child has read them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlmodel import Session

from ...i18n.printed import CV_LANGS
from ...models import User
from ..core import clock, fields as field_rules
from ..core.errors import Invalid
from .checks import clean, parse_birth_date, parse_month
from .cvs import LICENCES, TEXT_FIELDS
from .entries import CEFR, ENTRY_FIELDS, ENTRY_SECTIONS, MAX_ENTRIES
from .reading import Unreadable, read_lines
from .recognise import FIELDS, recognise
from .creating import write_cv
from .sections import MAX_OWN, TITLE_MAX

ENTRY_KEYS = ("title", "organisation", "location", "start", "end", "description", "level")

__all__ = ["Review", "ReviewRefused", "Unreadable", "create_reviewed", "read_document", "write_cv"]


@dataclass
class Review:
    """What the review screen shows: every recognised field and entry as text, each kept by
    default. ``entries`` carry ``section`` (a built-in key or ``own<n>``), ``current``
    ("1" or ""), dates as the editor writes them (``mm-jjjj``)."""

    lang: str
    fields: list[dict[str, str]] = field(default_factory=list)     # name, value
    own: list[str] = field(default_factory=list)
    entries: list[dict[str, str]] = field(default_factory=list)
    leftover: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)                 # i18n keys


class ReviewRefused(Invalid):
    """Values the editor would refuse; ``problems`` maps a field (``full_name``,
    ``e3.start``…) to its error key. Nothing was created."""

    def __init__(self, problems: dict[str, str]):
        super().__init__("error.import_review", field="import")
        self.problems = problems


def _month(value: str) -> str:
    """``YYYY-MM`` → the editor's ``mm-jjjj``."""
    return f"{value[5:7]}-{value[:4]}" if len(value) == 7 else ""


def read_document(raw: bytes) -> Review:
    """The review of an uploaded PDF or DOCX. Raises :class:`Unreadable`. Blocking (a child
    process): call off the event loop."""
    reading = read_lines(raw)
    draft = recognise(reading.lines, reading.author)
    review = Review(lang=draft.lang if draft.lang in CV_LANGS else "nl", own=list(draft.own),
                    leftover=draft.leftover[:50], notes=list(reading.notes))
    for name in FIELDS:
        value = draft.fields.get(name, "")
        if value:
            review.fields.append({"name": name, "value": value})
    rank = {"work": 0, "education": 1, "skills": 3, "languages": 4}  # own sections: 2
    ordered = sorted(draft.entries[:MAX_ENTRIES], key=lambda e: rank.get(e.section, 2))  # stable
    for n, e in enumerate(ordered):
        review.entries.append({
            "key": f"e{n}", "section": e.section, "title": e.title, "organisation": e.organisation,
            "location": e.location, "start": _month(e.start), "end": _month(e.end),
            "current": "1" if e.current else "", "description": e.description, "level": e.level,
        })
    return review


def create_reviewed(session: Session, *, user_id: int, lang, title, fields: dict, own: list,
                    entries: list) -> int:
    """A new CV from reviewed values (what the user kept, as edited): ``fields`` name →
    text, ``own`` the titles of sections of one's own, ``entries`` dicts as in
    :class:`Review`. Every value is checked as the editor checks it; any problem raises
    :class:`ReviewRefused` and nothing is created. Returns the new CV's id."""
    problems: dict[str, str] = {}
    columns: dict = {}
    if not isinstance(fields, dict) or not isinstance(own, list) or not isinstance(entries, list):
        raise Invalid("error.invalid_input", field="import")
    for name, value in fields.items():
        if name not in FIELDS or not isinstance(value, str):
            raise Invalid("error.invalid_input", field="import")
        try:
            if name == "birth_date":
                columns[name] = parse_birth_date(value.strip(), today=clock.local_today())
            elif name == "driving_licence":
                codes = [c.strip().upper() for c in value.replace(";", ",").split(",") if c.strip()]
                if any(c not in LICENCES for c in codes):
                    raise Invalid("error.invalid_input", field=name)
                columns[name] = [c for c in LICENCES if c in codes]
            else:
                limit, kind = TEXT_FIELDS[name]
                columns[name] = clean(value, name=name, limit=limit, kind=kind)
        except Invalid as exc:
            problems[name] = exc.key
    own_titles = []
    for n, own_title in enumerate(own[:MAX_OWN + 1]):
        try:
            own_titles.append(field_rules.text(own_title, field="title", max_len=TITLE_MAX, required=True))
        except Invalid as exc:
            problems[f"own{n}"] = exc.key
    if len(own) > MAX_OWN:
        problems["import"] = "error.too_many_sections"
    if len(entries) > MAX_ENTRIES:
        problems["import"] = "error.too_many_entries"
    rows: list[tuple[str, dict]] = []
    allowed = set(ENTRY_SECTIONS) | {f"own{n}" for n in range(len(own))}
    for n, item in enumerate(entries[:MAX_ENTRIES]):
        if not isinstance(item, dict) or item.get("section") not in allowed:
            raise Invalid("error.invalid_input", field="import")
        key = str(item.get("key", f"e{n}"))[:12]
        values: dict = {}
        for name in ENTRY_KEYS:
            value = item.get(name, "")
            if not isinstance(value, str):
                raise Invalid("error.invalid_input", field="import")
            try:
                if name in ENTRY_FIELDS:
                    limit, kind = ENTRY_FIELDS[name]
                    values[name] = clean(value, name=name, limit=limit, kind=kind)
                elif name in ("start", "end"):
                    values[name] = parse_month(value.strip(), name=name)
                elif value and value not in CEFR:
                    raise Invalid("error.invalid_input", field=name)
                else:
                    values[name] = value
            except Invalid as exc:
                problems[f"{key}.{name}"] = exc.key
        values["current"] = item.get("current") == "1"
        if values["current"]:
            values["end"] = None
        if values.get("start") and values.get("end") and values["end"] < values["start"]:
            problems[f"{key}.end"] = "error.end_before_start"
        if any(values.get(k) for k in ("title", "organisation", "description")):
            rows.append((str(item["section"]), values))
    if problems:
        raise ReviewRefused(problems)
    user = session.get(User, user_id)
    if user is None:
        raise Invalid("error.not_found")
    name = columns.get("full_name") or user.name
    columns["full_name"] = name
    cv_title = field_rules.text(title, field="title", max_len=100) if isinstance(title, str) else ""
    cv, _ = write_cv(session, user_id=user_id, title=cv_title or name or "CV",
                  lang=lang if lang in CV_LANGS else "nl", columns=columns,
                  own=[(f"own{n}", t) for n, t in enumerate(own_titles)], entries=rows)
    session.commit()
    return cv.id
