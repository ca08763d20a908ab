"""Undo and redo of editor changes, per CV (issue 21), kept in the database.

A *step* is the CV's editable content as it was just before a change: every column the
editor sets (fields, layout, typography, section order, names, page breaks), its entries
and its own sections (:func:`content_of`). :func:`record` runs in the same transaction as
the change it precedes, so a refused change leaves no step behind. :func:`undo` puts the
content as it is now on the redo stack and restores the newest step; :func:`redo` the
reverse. A new change empties the redo stack. At most :data:`MAX_STEPS` steps per stack
and CV are kept (the oldest go); the steps are ``CVHistory`` rows, sealed, exported and
erased with the CV like its other rows. Not in a step: the photo (its bytes stay as they
are), the lock, the title in the list.

The owner only (``NotFound`` otherwise); a locked CV refuses all three
(``error.cv_locked``).
"""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, delete, func, select

from ...models import CV, CVEntry, CVHistory, CVSection
from ..core import clock
from .checks import editable_cv, touch
from .sections import own_key, own_sections

MAX_STEPS = 50
# CV columns a step restores: what the editor changes (not the owner, times, photo, lock)
_SKIP = {"id", "user_id", "created_at", "updated_at", "photo_id", "locked", "title", "trashed_at"}
_ENTRY_SKIP = {"id", "cv_id", "user_id"}
_LISTS = ("section_order", "hidden_sections", "page_breaks")


def _columns() -> list[str]:
    return [c.name for c in CV.__table__.columns if c.name not in _SKIP]


def _plain(value):
    return value.isoformat() if isinstance(value, date) else value


def content_of(session: Session, cv: CV) -> dict:
    """The editable content of ``cv`` as plain JSON values (an owned CV: the caller checked)."""
    data = {name: _plain(getattr(cv, name)) for name in _columns()}
    data["entries"] = [{k: _plain(v) for k, v in e.model_dump(exclude=_ENTRY_SKIP).items()}
                       for e in session.exec(select(CVEntry).where(CVEntry.cv_id == cv.id)
                                             .order_by(CVEntry.id))]
    data["own"] = [{"key": own_key(r), "title": r.title} for r in own_sections(session, cv)]
    return data


def _date(value) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) and value else None


def restore(session: Session, cv: CV, content: dict) -> None:
    """Make ``cv`` hold ``content`` (from :func:`content_of`): columns set, entries and own
    sections replaced (own sections get new keys; every reference follows). No commit."""
    session.exec(delete(CVEntry).where(CVEntry.cv_id == cv.id))
    session.exec(delete(CVSection).where(CVSection.cv_id == cv.id))
    keys: dict[str, str] = {}
    for own in content.get("own", []):
        row = CVSection(cv_id=cv.id, user_id=cv.user_id, title=own["title"])
        session.add(row)
        session.flush()
        keys[own["key"]] = own_key(row)
    for name in _columns():
        if name not in content:
            continue
        value = content[name]
        if name == "birth_date":
            value = _date(value)
        elif name in _LISTS and isinstance(value, list):
            value = [keys.get(k, k) for k in value]
        elif name == "section_titles" and isinstance(value, dict):
            value = {keys.get(k, k): v for k, v in value.items()}
        setattr(cv, name, value)
    for entry in content.get("entries", []):
        data = dict(entry)
        data["start"], data["end"] = _date(data.get("start")), _date(data.get("end"))
        data["section"] = keys.get(data.get("section"), data.get("section"))
        session.add(CVEntry(**data, cv_id=cv.id, user_id=cv.user_id))
    touch(session, cv)


def _push(session: Session, cv: CV, kind: str) -> None:
    session.add(CVHistory(cv_id=cv.id, user_id=cv.user_id, kind=kind,
                          content=content_of(session, cv), created_at=clock.now()))
    session.flush()
    ids = session.exec(select(CVHistory.id).where(CVHistory.cv_id == cv.id, CVHistory.kind == kind)
                       .order_by(CVHistory.id.desc()).offset(MAX_STEPS)).all()
    if ids:
        session.exec(delete(CVHistory).where(CVHistory.id.in_(ids)))


def record(session: Session, *, user_id: int, cv_id) -> None:
    """A new step: the CV as it is now, before the change the caller makes next in the
    same transaction; the redo stack is emptied. Does not commit."""
    cv = editable_cv(session, user_id=user_id, cv_id=cv_id)
    session.exec(delete(CVHistory).where(CVHistory.cv_id == cv.id, CVHistory.kind == "redo"))
    _push(session, cv, "undo")


def _step(session: Session, user_id: int, cv_id, take: str, give: str) -> bool:
    cv = editable_cv(session, user_id=user_id, cv_id=cv_id)
    top = session.exec(select(CVHistory).where(CVHistory.cv_id == cv.id, CVHistory.kind == take)
                       .order_by(CVHistory.id.desc()).limit(1)).first()
    if top is None:
        return False
    content = dict(top.content)
    session.delete(top)
    _push(session, cv, give)
    restore(session, cv, content)
    session.commit()
    return True


def undo(session: Session, *, user_id: int, cv_id) -> bool:
    """Go back one step; False when there is none (nothing changes)."""
    return _step(session, user_id, cv_id, "undo", "redo")


def redo(session: Session, *, user_id: int, cv_id) -> bool:
    """Redo the step undone last; False when there is none (nothing changes)."""
    return _step(session, user_id, cv_id, "redo", "undo")


def counts(session: Session, *, cv_id: int) -> tuple[int, int]:
    """(undo steps, redo steps) of a CV the caller owns."""
    rows = dict(session.exec(select(CVHistory.kind, func.count(CVHistory.id))
                             .where(CVHistory.cv_id == cv_id).group_by(CVHistory.kind)).all())
    return rows.get("undo", 0), rows.get("redo", 0)
