"""CV entries: jobs, studies, skills, languages and the entries of the user's own
sections (section ``c<id>``, ``sections.py``) — add, edit, reorder, delete.

Each function is one transaction and acts for the owner only: another user's entry (or
CV) raises ``NotFound``, exactly like a missing one (``checks.owned_entry``). The CV
itself (title, fields, layout, photo) is in ``cvs.py``; how entries appear in the PDF is
decided in ``rendering.py``.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, func, select

from ...models import CV, CVEntry
from ..core import fields
from ..core.errors import Invalid
from .checks import clean, editable_cv, editable_entry, format_month, parse_month, touch
from .sections import keys_of, own_sections

ENTRY_SECTIONS = ("work", "education", "skills", "languages")
CEFR = ("A1", "A2", "B1", "B2", "C1", "C2", "native")
MAX_ENTRIES = 100
ENTRY_FIELDS: dict[str, tuple[int, str]] = {
    "title": (120, "line"), "organisation": (120, "line"), "location": (80, "line"),
    "description": (5000, "multiline"),
}


@dataclass(frozen=True)
class EntryView:
    """One entry as the editor shows it; dates as 'mm-jjjj'."""

    id: int
    section: str
    title: str
    organisation: str
    location: str
    start: str   # "mm-jjjj"
    end: str
    current: bool
    description: str
    level: str


def entries_by_section(session: Session, cv: CV) -> dict[str, list[EntryView]]:
    """The entries of ``cv`` per section, in their order. For ``cvs.get_cv``, which has
    checked ownership: the caller must pass an owned CV."""
    found: dict[str, list[EntryView]] = {s: [] for s in ENTRY_SECTIONS}
    for e in session.exec(select(CVEntry).where(CVEntry.cv_id == cv.id)
                          .order_by(CVEntry.section, CVEntry.position, CVEntry.id)):
        found.setdefault(e.section, []).append(EntryView(
            id=e.id, section=e.section, title=e.title, organisation=e.organisation,
            location=e.location, start=format_month(e.start), end=format_month(e.end),
            current=e.current,
            description=e.description, level=e.level))
    return found


def add_entry(session: Session, *, user_id: int, cv_id, section) -> int:
    """Add an empty entry at the end of ``section`` (one of ``ENTRY_SECTIONS`` or one of
    the CV's own sections) of the user's CV; returns its id.

    The owner only: other users get ``NotFound``. Raises ``Invalid`` for an unknown
    section (``error.invalid_input``), beyond ``MAX_ENTRIES`` per CV
    (``error.too_many_entries``) and for a locked CV (``error.cv_locked``).
    """
    cv = editable_cv(session, user_id=user_id, cv_id=cv_id)
    own = keys_of(own_sections(session, cv))[len(keys_of()):]
    fields.choice(section, ENTRY_SECTIONS + own)
    count, last = session.exec(select(func.count(CVEntry.id), func.max(CVEntry.position))
                               .where(CVEntry.cv_id == cv.id)).one()
    if count >= MAX_ENTRIES:
        raise Invalid("error.too_many_entries", max=MAX_ENTRIES)
    entry = CVEntry(cv_id=cv.id, user_id=user_id, section=section, position=(last or 0) + 1,
                    level="B2" if section == "languages" else "")
    session.add(entry)
    touch(session, cv)
    session.commit()
    return entry.id


def set_entry_field(session: Session, *, user_id: int, entry_id, name, value) -> None:
    """Autosave one field of an entry: a text field, ``start``/``end`` ('mm-jjjj'),
    ``current`` (a bool; clears ``end``) or ``level`` (a CEFR level or "").

    The owner only: other users get ``NotFound``. Raises ``Invalid`` for an unknown
    field or a bad value, and ``error.end_before_start``.
    """
    entry = editable_entry(session, user_id=user_id, entry_id=entry_id)
    fields.choice(name, (*ENTRY_FIELDS, "start", "end", "current", "level"))
    if name in ENTRY_FIELDS:
        limit, kind = ENTRY_FIELDS[name]
        setattr(entry, name, clean(value, name=name, limit=limit, kind=kind))
    elif name in ("start", "end"):
        parsed = parse_month(value, name=name)
        start = parsed if name == "start" else entry.start
        end = parsed if name == "end" else entry.end
        if start and end and end < start:
            raise Invalid("error.end_before_start", field="end")
        setattr(entry, name, parsed)
    elif name == "current":
        if not isinstance(value, bool):
            raise Invalid("error.invalid_input")
        entry.current = value
        if value:
            entry.end = None
    elif name == "level":
        entry.level = "" if value == "" else fields.choice(value, CEFR, field="level")
    else:
        raise Invalid("error.invalid_input")
    session.add(entry)
    touch(session, session.get(CV, entry.cv_id))
    session.commit()


def move_entry(session: Session, *, user_id: int, entry_id, direction) -> None:
    """Swap an entry with its neighbour in the same section (direction -1 up, +1 down);
    at either end nothing changes.

    The owner only: other users get ``NotFound``. Raises ``Invalid`` for another
    direction.
    """
    entry = editable_entry(session, user_id=user_id, entry_id=entry_id)
    if direction not in (-1, 1):
        raise Invalid("error.invalid_input")
    siblings = session.exec(select(CVEntry).where(CVEntry.cv_id == entry.cv_id,
                                                  CVEntry.section == entry.section)
                            .order_by(CVEntry.position, CVEntry.id)).all()
    index = next(i for i, e in enumerate(siblings) if e.id == entry.id)
    other = index + direction
    if not 0 <= other < len(siblings):
        return
    siblings[index], siblings[other] = siblings[other], siblings[index]
    for position, e in enumerate(siblings, start=1):
        e.position = position
        session.add(e)
    touch(session, session.get(CV, entry.cv_id))
    session.commit()


def delete_entry(session: Session, *, user_id: int, entry_id) -> None:
    """Delete one entry. The owner only: other users get ``NotFound``."""
    entry = editable_entry(session, user_id=user_id, entry_id=entry_id)
    cv = session.get(CV, entry.cv_id)
    session.delete(entry)
    touch(session, cv)
    session.commit()
