"""A CV's sections: their order and their names, per CV (issue 21).

The order is ``CV.section_order``, a permutation of :data:`SECTIONS`; a key it lacks (a
CV from before this column, a section added later) follows in the default order, an
unknown or repeated key is dropped, so any stored list reads as a whole order. A name is
``CV.section_titles[key]``; without one the section has its default heading in the
CV's own language (``cv.section.<key>``). The PDF (``rendering.document_for``) and the
editor both read :func:`ordered`.

Every change is one transaction for the owner only (``NotFound`` otherwise) and checks
its arguments before it changes anything: a section not in :data:`SECTIONS`, a
direction other than -1 or 1, or a name that is not a clean line of at most
:data:`TITLE_MAX` characters raises ``Invalid``.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from ...i18n.printed import printed
from ...models import CV
from ..core import fields
from ..core.errors import Invalid
from .checks import owned_cv, touch

SECTIONS = ("profile", "work", "education", "skills", "languages", "other")
TITLE_MAX = 60


@dataclass(frozen=True)
class SectionView:
    """One section as the editor and the PDF see it."""

    key: str
    title: str       # what the CV prints: the user's name for it, or the default
    custom: bool     # the user renamed it


def order_of(cv: CV) -> list[str]:
    """The CV's section keys in its order (always every key of :data:`SECTIONS`, once)."""
    stored = cv.section_order if isinstance(cv.section_order, list) else []
    seen: list[str] = []
    for key in stored:
        if key in SECTIONS and key not in seen:
            seen.append(key)
    return seen + [key for key in SECTIONS if key not in seen]


def ordered(cv: CV, lang: str) -> list[SectionView]:
    """The CV's sections in its order, each with the name it prints under; default names
    in ``lang`` (the CV's language for the PDF)."""
    titles = cv.section_titles if isinstance(cv.section_titles, dict) else {}
    out = []
    for key in order_of(cv):
        own = titles.get(key)
        custom = isinstance(own, str) and bool(own.strip())
        out.append(SectionView(key, own if custom else printed(f"cv.section.{key}", lang), custom))
    return out


def view_of(cv: CV) -> list[dict[str, str]]:
    """The sections as the editor's list shows them, as strings (safe for UI state): key,
    printed name, ``custom`` ("1" when renamed) and the default name, in the CV's language."""
    return [{"key": v.key, "title": v.title, "custom": "1" if v.custom else "",
             "default": printed(f"cv.section.{v.key}", cv.lang)} for v in ordered(cv, cv.lang)]


def move_section(session: Session, *, user_id: int, cv_id, section, direction) -> int:
    """Move ``section`` one place up (-1) or down (1); returns its new place (1-based).
    At the top or the bottom it stays where it is."""
    cv = owned_cv(session, user_id=user_id, cv_id=cv_id)
    fields.choice(section, SECTIONS, field="sections")
    if direction not in (-1, 1) or isinstance(direction, bool):
        raise Invalid("error.invalid_input", field="sections")
    order = order_of(cv)
    i = order.index(section)
    j = min(max(i + direction, 0), len(order) - 1)
    order[i], order[j] = order[j], order[i]
    _store(session, cv, order)
    return j + 1


def place_section(session: Session, *, user_id: int, cv_id, section, before) -> int:
    """Put ``section`` where ``before`` is now (drag and drop: dropped on ``before``),
    the others keeping their order; returns its new place (1-based)."""
    cv = owned_cv(session, user_id=user_id, cv_id=cv_id)
    fields.choice(section, SECTIONS, field="sections")
    fields.choice(before, SECTIONS, field="sections")
    order = order_of(cv)
    target = order.index(before)
    order.remove(section)
    order.insert(target, section)
    _store(session, cv, order)
    return target + 1


def rename_section(session: Session, *, user_id: int, cv_id, section, title) -> str:
    """Give ``section`` its own name on this CV; an empty name (or only spaces) goes back
    to the default. Returns the name it now prints under (in the CV's language)."""
    cv = owned_cv(session, user_id=user_id, cv_id=cv_id)
    fields.choice(section, SECTIONS, field="sections")
    title = fields.text(title, field="sections", max_len=TITLE_MAX)
    titles = {k: v for k, v in (cv.section_titles or {}).items() if k in SECTIONS and k != section}
    if title:
        titles[section] = title
    cv.section_titles = titles
    touch(session, cv)
    session.commit()
    return title or printed(f"cv.section.{section}", cv.lang)


def _store(session: Session, cv: CV, order: list[str]) -> None:
    cv.section_order = order  # a new list: the JSON column sees the change
    touch(session, cv)
    session.commit()
