"""A CV's sections: their order and their names, per CV (issue 21).

The order is ``CV.section_order``, a permutation of :data:`SECTIONS`; a key it lacks (a
CV from before this column, a section added later) follows in the default order, an
unknown or repeated key is dropped, so any stored list reads as a whole order. A name is
``CV.section_titles[key]``; without one the section has its default heading in the
CV's own language (``cv.section.<key>``). The PDF (``rendering.document_for``) and the
editor both read :func:`ordered`.

Besides the six built-in sections a CV has up to :data:`MAX_OWN` sections of the user's
own (``CVSection``, key ``c<id>``): a title and entries like a job's (title, subtitle,
place, period, text; ``entries.py``, section ``c<id>``). They take part in the order, the
names, hiding and page breaks like the others. ``CV.page_breaks`` lists the sections that
start on a new page in the PDF.

Every change is one transaction for the owner only (``NotFound`` otherwise) and checks
its arguments before it changes anything: a section not in :data:`SECTIONS`, a
direction other than -1 or 1, or a name that is not a clean line of at most
:data:`TITLE_MAX` characters raises ``Invalid``.
"""

from __future__ import annotations

from dataclasses import dataclass

from collections.abc import Sequence

from sqlmodel import Session, delete, select

from ...i18n.printed import printed
from ...models import CV, CVEntry, CVSection
from ..core import fields
from ..core.errors import Invalid
from .checks import editable_cv, touch

SECTIONS = ("profile", "work", "education", "skills", "languages", "other")
TITLE_MAX = 60
MAX_OWN = 20


@dataclass(frozen=True)
class SectionView:
    """One section as the editor and the PDF see it."""

    key: str
    title: str       # what the CV prints: the user's name for it, or the default
    custom: bool     # the user renamed it (always True for an own section)
    own: bool = False        # a section of the user's own (key ``c<id>``)
    new_page: bool = False   # starts on a new page in the PDF


def own_sections(session: Session, cv: CV) -> list[CVSection]:
    """The CV's own sections, oldest first."""
    return list(session.exec(select(CVSection).where(CVSection.cv_id == cv.id)
                             .order_by(CVSection.id)))


def own_key(row: CVSection) -> str:
    """The section key of an own section: ``c<id>``."""
    return f"c{row.id}"


def keys_of(own: Sequence[CVSection] = ()) -> tuple[str, ...]:
    """Every section key of a CV with the own sections ``own``: the built-in ones first."""
    return SECTIONS + tuple(own_key(r) for r in own)


def order_of(cv: CV, own: Sequence[CVSection] = ()) -> list[str]:
    """The CV's section keys in its order: every key of :func:`keys_of` once (keys the
    stored order lacks follow in the default order, own sections last)."""
    keys = keys_of(own)
    stored = cv.section_order if isinstance(cv.section_order, list) else []
    seen: list[str] = []
    for key in stored:
        if key in keys and key not in seen:
            seen.append(key)
    return seen + [key for key in keys if key not in seen]


def ordered(cv: CV, lang: str, own: Sequence[CVSection] = ()) -> list[SectionView]:
    """The CV's sections in its order, each with the name it prints under; default names
    in ``lang`` (the CV's language for the PDF)."""
    titles = cv.section_titles if isinstance(cv.section_titles, dict) else {}
    own_titles = {own_key(r): r.title for r in own}
    breaks = set(cv.page_breaks or []) if isinstance(cv.page_breaks, list) else set()
    out = []
    for key in order_of(cv, own):
        if key in own_titles:
            out.append(SectionView(key, own_titles[key], True, own=True, new_page=key in breaks))
            continue
        name = titles.get(key)
        custom = isinstance(name, str) and bool(name.strip())
        out.append(SectionView(key, name if custom else printed(f"cv.section.{key}", lang), custom,
                               new_page=key in breaks))
    return out


def view_of(cv: CV, own: Sequence[CVSection] = ()) -> list[dict[str, str]]:
    """The sections as the editor's list shows them, as strings (safe for UI state): key,
    printed name, ``custom`` ("1" when renamed), the default name in the CV's language,
    ``own`` ("1" for a section of the user's own) and ``new_page`` ("1": starts a page)."""
    return [{"key": v.key, "title": v.title, "custom": "1" if v.custom else "",
             "default": v.title if v.own else printed(f"cv.section.{v.key}", cv.lang),
             "own": "1" if v.own else "", "new_page": "1" if v.new_page else ""}
            for v in ordered(cv, cv.lang, own)]


def _section_of(session: Session, user_id: int, cv_id, *keys) -> tuple[CV, list[CVSection]]:
    """The user's editable CV and its own sections, after checking every key in ``keys``."""
    cv = editable_cv(session, user_id=user_id, cv_id=cv_id)
    own = own_sections(session, cv)
    allowed = keys_of(own)
    for key in keys:
        fields.choice(key, allowed, field="sections")
    return cv, own


def move_section(session: Session, *, user_id: int, cv_id, section, direction) -> int:
    """Move ``section`` one place up (-1) or down (1); returns its new place (1-based).
    At the top or the bottom it stays where it is."""
    cv, own = _section_of(session, user_id, cv_id, section)
    if direction not in (-1, 1) or isinstance(direction, bool):
        raise Invalid("error.invalid_input", field="sections")
    order = order_of(cv, own)
    i = order.index(section)
    j = min(max(i + direction, 0), len(order) - 1)
    order[i], order[j] = order[j], order[i]
    _store(session, cv, order)
    return j + 1


def place_section(session: Session, *, user_id: int, cv_id, section, before) -> int:
    """Put ``section`` where ``before`` is now (drag and drop: dropped on ``before``),
    the others keeping their order; returns its new place (1-based)."""
    cv, own = _section_of(session, user_id, cv_id, section, before)
    order = order_of(cv, own)
    target = order.index(before)
    order.remove(section)
    order.insert(target, section)
    _store(session, cv, order)
    return target + 1


def rename_section(session: Session, *, user_id: int, cv_id, section, title) -> str:
    """Give ``section`` its own name on this CV; an empty name (or only spaces) goes back
    to the default. Returns the name it now prints under (in the CV's language). An own
    section always has a name: an empty one raises ``Invalid("error.required")``."""
    cv, own = _section_of(session, user_id, cv_id, section)
    mine = {own_key(r): r for r in own}
    if section in mine:
        row = mine[section]
        row.title = fields.text(title, field="sections", max_len=TITLE_MAX, required=True)
        session.add(row)
        touch(session, cv)
        session.commit()
        return row.title
    title = fields.text(title, field="sections", max_len=TITLE_MAX)
    titles = {k: v for k, v in (cv.section_titles or {}).items() if k in SECTIONS and k != section}
    if title:
        titles[section] = title
    cv.section_titles = titles
    touch(session, cv)
    session.commit()
    return title or printed(f"cv.section.{section}", cv.lang)


def set_page_break(session: Session, *, user_id: int, cv_id, section, on) -> None:
    """Let ``section`` start on a new page in the PDF (``on``), or flow on again."""
    cv, _ = _section_of(session, user_id, cv_id, section)
    if not isinstance(on, bool):
        raise Invalid("error.invalid_input", field="sections")
    breaks = [k for k in (cv.page_breaks or []) if k != section]
    cv.page_breaks = breaks + [section] if on else breaks
    touch(session, cv)
    session.commit()


def add_own_section(session: Session, *, user_id: int, cv_id, title) -> str:
    """A new section of the user's own at the end of the CV, named ``title`` (a clean line
    of at most :data:`TITLE_MAX` characters, required); returns its key. At most
    :data:`MAX_OWN` per CV (``error.too_many_sections``)."""
    cv = editable_cv(session, user_id=user_id, cv_id=cv_id)
    title = fields.text(title, field="new_section", max_len=TITLE_MAX, required=True)
    if len(own_sections(session, cv)) >= MAX_OWN:
        raise Invalid("error.too_many_sections", field="new_section", max=MAX_OWN)
    row = CVSection(cv_id=cv.id, user_id=user_id, title=title)
    session.add(row)
    session.flush()
    touch(session, cv)
    session.commit()
    return own_key(row)


def delete_own_section(session: Session, *, user_id: int, cv_id, section) -> None:
    """Delete one of the CV's own sections with its entries. A built-in section cannot
    be deleted (``Invalid``; hide it instead)."""
    cv, own = _section_of(session, user_id, cv_id, section)
    row = {own_key(r): r for r in own}.get(section)
    if row is None:
        raise Invalid("error.invalid_input", field="sections")
    session.exec(delete(CVEntry).where(CVEntry.cv_id == cv.id, CVEntry.section == section))
    session.delete(row)
    for column in ("section_order", "hidden_sections", "page_breaks"):
        setattr(cv, column, [k for k in (getattr(cv, column) or []) if k != section])
    touch(session, cv)
    session.commit()


def _store(session: Session, cv: CV, order: list[str]) -> None:
    cv.section_order = order  # a new list: the JSON column sees the change
    touch(session, cv)
    session.commit()
