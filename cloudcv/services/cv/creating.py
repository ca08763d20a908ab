"""Writing a new CV with its own sections and entries from checked values, in the caller's
transaction: the one writer that both imports (``jsonresume.py`` and ``importing.py``) share."""

from __future__ import annotations

from sqlmodel import Session, func, select

from ...models import CV, CVEntry, CVSection
from ..core import clock
from ..core.errors import Invalid
from .cvs import MAX_CVS
from .sections import own_key


def write_cv(session: Session, *, user_id: int, title: str, lang: str, columns: dict,
             own: list[tuple[str, str]], entries: list[tuple[str, dict]]) -> tuple[CV, dict[str, str]]:
    """Add a CV with its own sections (``(import key, title)``) and entries (``(section or
    import key, column values)``), checked values only, in the caller's transaction (not
    committed); ``error.too_many_cvs`` beyond ``MAX_CVS``. Returns the CV and the import
    keys → the section keys they got."""
    if session.exec(select(func.count(CV.id)).where(CV.user_id == user_id)).one() >= MAX_CVS:
        raise Invalid("error.too_many_cvs", field="import", max=MAX_CVS)
    now = clock.now()
    cv = CV(user_id=user_id, title=title[:100], lang=lang, created_at=now, updated_at=now, **columns)
    session.add(cv)
    session.flush()
    keys: dict[str, str] = {}
    for import_key, own_title in own:
        row = CVSection(cv_id=cv.id, user_id=user_id, title=own_title or import_key, created_at=now)
        session.add(row)
        session.flush()
        keys[import_key] = own_key(row)
    for position, (section, values) in enumerate(entries, start=1):
        session.add(CVEntry(cv_id=cv.id, user_id=user_id, section=keys.get(section, section),
                            position=position, **values))
    return cv, keys
