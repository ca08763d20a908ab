"""CVs: the list, create, rename, duplicate, delete, the editor's fields, layout and photo.

Every function is one transaction and acts for the owner only: another user's CV and a
missing one both raise ``NotFound`` (``checks.owned_cv``), so ids cannot be probed.
Entries (jobs, studies, skills, languages) are in ``entries.py``, the PDF and preview in
``rendering.py``, the templates in ``pdf/registry.py``, field rules in ``checks.py`` and
``services/core/fields.py``. Erasure of a user's CVs: ``services/privacy/erasure.py``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from sqlalchemy import bindparam
from sqlmodel import Session, delete, func, select, update

from ...i18n import LANGS
from ...i18n.printed import CV_LANGS
from ...models import CV, REGISTRY, CVEntry, CVSection, Photo, User, metadata
from ...models.sealed import kind_of, seal_value
from ..core import clock, fields
from ..core.errors import Invalid, NotFound
from . import history, photos, sections, typography
from .checks import clean, editable_cv, format_date, owned_cv, parse_birth_date, touch
from .entries import EntryView, entries_by_section

ACCENTS = ("#3e63dd", "#12a594", "#e54666", "#f76b15", "#8e4ec6", "#1c2024")
LICENCES = ("AM", "A1", "A2", "A", "B", "BE", "C1", "C1E", "C", "CE", "D1", "D1E", "D", "DE", "T")
OMITTABLE = ("birth_date", "nationality", "gender", "marital_status", "photo")
MAX_CVS = 50

# Personal-detail fields the editor may set, with their length limit and kind.
TEXT_FIELDS: dict[str, tuple[int, str]] = {
    "full_name": (100, "line"), "headline": (120, "line"), "email": (254, "email"),
    "email_business": (254, "email"), "phone": (40, "phone"), "street": (120, "line"),
    "postal_code": (12, "line"), "city": (80, "line"), "country": (80, "line"),
    "website": (200, "url"), "nationality": (60, "line"), "gender": (40, "line"),
    "marital_status": (40, "line"), "profile": (5000, "multiline"),
    "other_info": (5000, "multiline"),
    "private_note": (2000, "multiline"),
    "alias": (60, "line"),
}
# Fields of the CV that are never printed (``rendering.document_for`` does not read them)
# and that no recipient sees: the owner's own note.
PRIVATE_FIELDS = ("private_note",)
# Printed only in the anonymous CV (``rendering.document_for(anonymous=True)``), instead of
# the name.
ANONYMOUS_FIELDS = ("alias",)


@dataclass(frozen=True)
class CVSummary:
    """One line of the CV list."""

    id: int
    title: str
    template: str
    updated: str  # dd-mm-jjjj


@dataclass(frozen=True)
class CVView:
    """Everything the editor shows. Plain values only: safe to put in UI state."""

    id: int
    title: str
    template: str
    accent: str
    lang: str
    values: dict[str, str]
    birth_date: str  # "dd-mm-jjjj" or ""
    licences: list[str]
    hidden_sections: list[str]
    omit_fields: list[str]
    has_photo: bool
    entries: dict[str, list[EntryView]] = field(default_factory=dict)
    typography: dict[str, str] = field(default_factory=dict)  # typography.view_of
    sections: list[dict[str, str]] = field(default_factory=list)  # sections.view_of
    locked: bool = False
    undo: int = 0  # steps that can be undone / redone (history.py)
    redo: int = 0


# ---------------------------------------------------------------- the list
def list_cvs(session: Session, *, user_id: int) -> list[CVSummary]:
    """The user's own CVs, most recently changed first. Any logged-in user, for themselves."""
    rows = session.exec(select(CV).where(CV.user_id == user_id, CV.trashed_at.is_(None))
                        .order_by(CV.updated_at.desc())).all()
    return [CVSummary(id=c.id, title=c.title, template=c.template,
                      updated=format_date(c.updated_at)) for c in rows]


def create_cv(session: Session, *, user_id: int, title, lang: str = "nl") -> int:
    """A new CV for the user, prefilled with their name and email; returns its id.

    Raises ``Invalid`` for a missing or too long title and beyond ``MAX_CVS``
    (``error.too_many_cvs``), ``NotFound`` when the user does not exist.
    """
    title = fields.text(title, field="title", max_len=100, required=True)
    count = session.exec(select(func.count(CV.id)).where(CV.user_id == user_id)).one()
    if count >= MAX_CVS:
        raise Invalid("error.too_many_cvs", field="title", max=MAX_CVS)
    user = session.get(User, user_id)
    if user is None:
        raise NotFound("error.not_found")
    now = clock.now()
    cv = CV(user_id=user_id, title=title, full_name=user.name, email=user.email,
            lang=lang if lang in LANGS else "nl", created_at=now, updated_at=now)
    session.add(cv)
    session.commit()
    return cv.id


def rename_cv(session: Session, *, user_id: int, cv_id, title) -> None:
    """Rename one of the user's CVs. The owner only: other users get ``NotFound``;
    ``Invalid`` for a missing or too long title."""
    cv = owned_cv(session, user_id=user_id, cv_id=cv_id)
    cv.title = fields.text(title, field="title", max_len=100, required=True)
    touch(session, cv)
    session.commit()


def duplicate_cv(session: Session, *, user_id: int, cv_id, title_suffix: str = " (kopie)") -> int:
    """Copy a CV with its entries and its own copy of the photo; returns the new id.

    The owner only: other users get ``NotFound``. Raises ``Invalid`` beyond ``MAX_CVS``.
    """
    cv = owned_cv(session, user_id=user_id, cv_id=cv_id)
    count = session.exec(select(func.count(CV.id)).where(CV.user_id == user_id)).one()
    if count >= MAX_CVS:
        raise Invalid("error.too_many_cvs", max=MAX_CVS)
    now = clock.now()
    data = cv.model_dump(exclude={"id", "created_at", "updated_at", "photo_id"})
    data["title"] = (cv.title + title_suffix)[:100]
    copy = CV(**data, created_at=now, updated_at=now)
    if cv.photo_id:
        old = session.get(Photo, cv.photo_id)
        if old is not None:
            photo = Photo(user_id=user_id, data=old.data, width=old.width, height=old.height,
                          sha256=old.sha256, created_at=now)
            session.add(photo)
            session.flush()
            copy.photo_id = photo.id
    copy.locked = False
    session.add(copy)
    session.flush()
    keys = {}  # own section key of the original -> of the copy
    for row in sections.own_sections(session, cv):
        new = CVSection(cv_id=copy.id, user_id=user_id, title=row.title, created_at=now)
        session.add(new)
        session.flush()
        keys[sections.own_key(row)] = sections.own_key(new)
    if keys:
        copy.section_order = [keys.get(k, k) for k in copy.section_order or []]
        copy.hidden_sections = [keys.get(k, k) for k in copy.hidden_sections or []]
        copy.page_breaks = [keys.get(k, k) for k in copy.page_breaks or []]
        session.add(copy)
    for entry in session.exec(select(CVEntry).where(CVEntry.cv_id == cv.id)):
        data = entry.model_dump(exclude={"id", "cv_id"})
        data["section"] = keys.get(data["section"], data["section"])
        session.add(CVEntry(**data, cv_id=copy.id))
    session.commit()
    return copy.id


def delete_cv(session: Session, *, user_id: int, cv_id) -> None:
    """Delete a CV with its entries, recipients, links (dead at once), copies, access log
    and photo bytes.

    The owner only: other users get ``NotFound``.
    """
    remove_cv(session, owned_cv(session, user_id=user_id, cv_id=cv_id))
    session.commit()


def remove_cv(session: Session, cv: CV) -> None:
    """Delete ``cv`` (one the caller checked, in the trash or not) with every registered
    row that hangs off it and its photo bytes; no commit."""
    user_id = cv.user_id
    # every registered table with a cv_id (entries, recipients, their links, copies and
    # access log), children first: a CV's rows never outlive it, and no link stays alive
    order = [t.name for t in reversed(metadata.sorted_tables)]
    for entry in sorted(REGISTRY.values(), key=lambda e: order.index(e.table)):
        table = metadata.tables[entry.table]
        if entry.table != "cv" and "cv_id" in table.c:
            session.exec(delete(table).where(table.c.cv_id == cv.id))
    if cv.photo_id:
        session.exec(delete(Photo).where(Photo.id == cv.photo_id, Photo.user_id == user_id))
    session.delete(cv)


# ---------------------------------------------------------------- the editor
def get_cv(session: Session, *, user_id: int, cv_id) -> CVView:
    """Everything the editor shows of one CV. The owner only: other users get ``NotFound``."""
    cv = owned_cv(session, user_id=user_id, cv_id=cv_id)
    own = sections.own_sections(session, cv)
    undo, redo = history.counts(session, cv_id=cv.id)
    return CVView(
        id=cv.id, title=cv.title, template=cv.template, accent=cv.accent, lang=cv.lang,
        values={name: getattr(cv, name) for name in TEXT_FIELDS},
        birth_date=format_date(cv.birth_date),
        licences=list(cv.driving_licence or []), hidden_sections=list(cv.hidden_sections or []),
        omit_fields=list(cv.omit_fields or []), has_photo=cv.photo_id is not None,
        entries=entries_by_section(session, cv), typography=typography.view_of(cv),
        sections=sections.view_of(cv, own), locked=bool(cv.locked),
        undo=undo, redo=redo,
    )


def set_field(session: Session, *, user_id: int, cv_id, name, value) -> str:
    """Autosave one personal-detail field (``TEXT_FIELDS``); returns the stored value.

    The owner only: other users get ``NotFound``. Raises ``Invalid`` for an unknown
    field, a bad value (``checks.clean``) and an empty ``full_name``.

    The editor calls this on every pause in typing, so it is one UPDATE restricted to the
    owner's row (no load of the whole CV, whose sealed columns would all be opened and
    sealed again); a sealed field is sealed here exactly as the ORM would (``sealed.py``).
    """
    fields.choice(name, TEXT_FIELDS)
    if not fields.is_id(cv_id):
        raise NotFound("error.not_found")
    limit, kind = TEXT_FIELDS[name]
    try:
        value = clean(value, name=name, limit=limit, kind=kind)
        if name == "full_name" and not value:
            raise Invalid("error.required", field=name)
    except Invalid:
        editable_cv(session, user_id=user_id, cv_id=cv_id)  # someone else's: NotFound first
        raise
    table = CV.__tablename__
    sealed_kind = kind_of(table, name)
    stored = seal_value(sealed_kind, table, name, cv_id, value) if sealed_kind else value
    done = session.connection().execute(_field_update(name), {
        "p_cv": cv_id, "p_user": user_id, "p_value": stored, "p_now": clock.now()})
    if done.rowcount != 1:  # someone else's, missing or locked: say which (NotFound first)
        editable_cv(session, user_id=user_id, cv_id=cv_id)
        raise NotFound("error.not_found")
    loaded = session.identity_map.get(session.identity_key(CV, cv_id))
    if loaded is not None:  # an earlier call of the same transaction holds it: read anew
        session.expire(loaded)
    session.commit()
    return value


@functools.cache
def _field_update(name: str):
    """The UPDATE of one ``TEXT_FIELDS`` column of the owner's CV, built once per field."""
    return (update(CV).where(CV.id == bindparam("p_cv"), CV.user_id == bindparam("p_user"),
                             CV.locked.is_(False))
            .values({name: bindparam("p_value"), "updated_at": bindparam("p_now")}))


def set_birth_date(session: Session, *, user_id: int, cv_id, value) -> None:
    """Set or clear the birth date ('dd-mm-jjjj'). The owner only: other users get
    ``NotFound``; ``Invalid`` as ``checks.parse_birth_date``."""
    cv = editable_cv(session, user_id=user_id, cv_id=cv_id)
    cv.birth_date = parse_birth_date(value, today=clock.local_today())
    touch(session, cv)
    session.commit()


def set_licences(session: Session, *, user_id: int, cv_id, licences) -> None:
    """Set the driving licence categories (a list of ``LICENCES``), stored in their
    usual order. The owner only: other users get ``NotFound``; ``Invalid`` otherwise."""
    cv = editable_cv(session, user_id=user_id, cv_id=cv_id)
    if not isinstance(licences, list) or not all(isinstance(x, str) and x in LICENCES for x in licences):
        raise Invalid("error.invalid_input", field="driving_licence")
    cv.driving_licence = [x for x in LICENCES if x in licences]
    touch(session, cv)
    session.commit()


def set_layout(session: Session, *, user_id: int, cv_id, template=None, accent=None, lang=None) -> None:
    """Change the template, the accent colour (``#rrggbb``) and/or the CV's language.

    The owner only: other users get ``NotFound``. A template must be a name in the
    registry (``pdf/registry.py``): another string raises
    ``Invalid("error.template_unknown")``, a non-string ``error.invalid_input``;
    a bad accent or language raises ``Invalid("error.invalid_input")``.
    """
    cv = editable_cv(session, user_id=user_id, cv_id=cv_id)
    if template is not None:
        from .pdf import registry  # the PDF engine loads on first use, not with this module

        if not isinstance(template, str):
            raise Invalid("error.invalid_input", field="template")
        chosen = registry.get(template)
        if chosen.name != cv.template and chosen.font:
            cv.font = chosen.font  # the family the layout is designed in; the user may change it
        cv.template = chosen.name
    if accent is not None:
        if not isinstance(accent, str) or not re.fullmatch(r"#[0-9a-fA-F]{6}", accent):
            raise Invalid("error.invalid_input", field="accent")
        cv.accent = accent.lower()
    if lang is not None:
        cv.lang = fields.choice(lang, CV_LANGS, field="lang")
    touch(session, cv)
    session.commit()


def _toggle(items: list, item: str, on: bool) -> list:
    items = [x for x in items if x != item]
    return items + [item] if on else items


def set_section_hidden(session: Session, *, user_id: int, cv_id, section, hidden) -> None:
    """Hide a section from the PDF (or show it again); its content stays.

    The owner only: other users get ``NotFound``; ``Invalid`` for an unknown section or
    a non-bool ``hidden``.
    """
    cv = owned_cv(session, user_id=user_id, cv_id=cv_id)
    allowed = sections.keys_of(sections.own_sections(session, cv))
    _set_membership(session, user_id, cv_id, "hidden_sections", section, allowed, hidden)


def set_omitted(session: Session, *, user_id: int, cv_id, name, omit) -> None:
    """Leave a sensitive field (``OMITTABLE``) out of the PDF without deleting it.

    The owner only: other users get ``NotFound``; ``Invalid`` for another field or a
    non-bool ``omit``.
    """
    _set_membership(session, user_id, cv_id, "omit_fields", name, OMITTABLE, omit)


def _set_membership(session: Session, user_id: int, cv_id, column: str, name, allowed, on) -> None:
    """Put ``name`` (one of ``allowed``) in or out of the CV's list column ``column``."""
    cv = editable_cv(session, user_id=user_id, cv_id=cv_id)
    fields.choice(name, allowed)
    if not isinstance(on, bool):
        raise Invalid("error.invalid_input")
    setattr(cv, column, _toggle(list(getattr(cv, column) or []), name, on))
    touch(session, cv)
    session.commit()


# ---------------------------------------------------------------- photo
def set_photo(session: Session, *, user_id: int, cv_id, raw: bytes) -> None:
    """Replace the CV's photo with ``raw`` cleaned by ``photos.clean`` (metadata dropped,
    3:4 JPEG); the old bytes are deleted. The owner only: other users get ``NotFound``;
    ``Invalid`` (``error.photo_*``) for an upload that is not a usable image.
    """
    cv = editable_cv(session, user_id=user_id, cv_id=cv_id)
    clean = photos.clean(raw)
    if cv.photo_id:
        session.exec(delete(Photo).where(Photo.id == cv.photo_id, Photo.user_id == user_id))
    photo = Photo(user_id=user_id, data=clean.data, width=clean.width, height=clean.height,
                  sha256=clean.sha256, created_at=clock.now())
    session.add(photo)
    session.flush()
    cv.photo_id = photo.id
    touch(session, cv)
    session.commit()


def remove_photo(session: Session, *, user_id: int, cv_id) -> None:
    """Delete the CV's photo bytes. The owner only: other users get ``NotFound``."""
    cv = editable_cv(session, user_id=user_id, cv_id=cv_id)
    if cv.photo_id:
        session.exec(delete(Photo).where(Photo.id == cv.photo_id, Photo.user_id == user_id))
        cv.photo_id = None
        touch(session, cv)
        session.commit()


def photo_bytes(session: Session, *, user_id: int, cv_id) -> bytes | None:
    """The CV's cleaned photo (JPEG), or None. The owner only: other users get ``NotFound``."""
    cv = owned_cv(session, user_id=user_id, cv_id=cv_id)
    if not cv.photo_id:
        return None
    photo = session.get(Photo, cv.photo_id)
    return photo.data if photo is not None and photo.user_id == user_id else None
