"""CVs: create, rename, duplicate, delete, edit fields and entries, photo, PDF document.

Ownership lives in ``_owned_cv`` / ``_owned_entry``: another user's id and a missing id
both raise ``NotFound``, so ids cannot be probed. Every function is one transaction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from sqlmodel import Session, delete, func, select

from ...i18n import LANGS, t
from ...models import CV, CVEntry, Photo, Recipient, User
from ..core import clock, fields
from ..core.errors import Invalid, NotFound
from . import photos

TEMPLATES = ("ats", "accent", "sidebar")
ACCENTS = ("#3e63dd", "#12a594", "#e54666", "#f76b15", "#8e4ec6", "#1c2024")
SECTIONS = ("profile", "work", "education", "skills", "languages", "other")
ENTRY_SECTIONS = ("work", "education", "skills", "languages")
CEFR = ("A1", "A2", "B1", "B2", "C1", "C2", "native")
LICENCES = ("AM", "A1", "A2", "A", "B", "BE", "C1", "C1E", "C", "CE", "D1", "D1E", "D", "DE", "T")
OMITTABLE = ("birth_date", "nationality", "gender", "marital_status", "photo")
MAX_CVS = 50
MAX_ENTRIES = 100

# Personal-detail fields the editor may set, with their length limit and kind.
TEXT_FIELDS: dict[str, tuple[int, str]] = {
    "full_name": (100, "line"), "headline": (120, "line"), "email": (254, "email"),
    "email_business": (254, "email"), "phone": (40, "phone"), "street": (120, "line"),
    "postal_code": (12, "line"), "city": (80, "line"), "country": (80, "line"),
    "website": (200, "url"), "nationality": (60, "line"), "gender": (40, "line"),
    "marital_status": (40, "line"), "profile": (5000, "multiline"),
    "other_info": (5000, "multiline"),
}
ENTRY_FIELDS: dict[str, tuple[int, str]] = {
    "title": (120, "line"), "organisation": (120, "line"), "location": (80, "line"),
    "description": (5000, "multiline"),
}
_PHONE = re.compile(r"^[0-9+()./\- ]{3,40}$")
_MULTILINE_BAD = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class CVSummary:
    id: int
    title: str
    template: str
    updated: str  # dd-mm-jjjj


@dataclass(frozen=True)
class EntryView:
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


# ---------------------------------------------------------------- validation helpers
def _clean(value, *, name: str, limit: int, kind: str) -> str:
    if kind == "multiline":
        if value is None:
            value = ""
        if not isinstance(value, str):
            raise Invalid("error.invalid_input", field=name)
        value = _MULTILINE_BAD.sub("", value.replace("\r\n", "\n")).strip()
        if len(value) > limit:
            raise Invalid("error.too_long", field=name, max=limit)
        return value
    value = fields.text(value, field=name, max_len=limit)
    if value and kind == "email":
        value = fields.email(value, field=name)
    elif value and kind == "phone" and not _PHONE.match(value):
        raise Invalid("error.phone_invalid", field=name)
    elif value and kind == "url" and not re.match(r"^(https?://)?[\w.-]+\.[a-z]{2,}(/\S*)?$", value, re.I):
        raise Invalid("error.url_invalid", field=name)
    return value


def parse_birth_date(value, *, today: date) -> date | None:
    """A Dutch 'dd-mm-jjjj' (or ISO 'jjjj-mm-dd') birth date; in the past, after 1900."""
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise Invalid("error.invalid_input", field="birth_date")
    parsed = clock.parse_date(value, field="birth_date")
    if parsed > today:
        raise Invalid("error.date_future", field="birth_date")
    if parsed.year < 1900 or (today.year - parsed.year) < 13:
        raise Invalid("error.birth_date_range", field="birth_date")
    return parsed


def parse_month(value, *, name: str) -> date | None:
    """'mm-jjjj' (or 'jjjj-mm') to the first day of that month."""
    if value in (None, ""):
        return None
    return clock.parse_month(value, field=name)


def format_date(d: date | None) -> str:
    return clock.format_date(d)


def format_month(d: date | None) -> str:
    return clock.format_month(d)


# ---------------------------------------------------------------- ownership
def _owned_cv(session: Session, *, user_id: int, cv_id) -> CV:
    if not fields.is_id(cv_id):
        raise NotFound("error.not_found")
    cv = session.get(CV, cv_id)
    if cv is None or cv.user_id != user_id:
        raise NotFound("error.not_found")
    return cv


def _owned_entry(session: Session, *, user_id: int, entry_id) -> CVEntry:
    if not fields.is_id(entry_id):
        raise NotFound("error.not_found")
    entry = session.get(CVEntry, entry_id)
    if entry is None or entry.user_id != user_id:
        raise NotFound("error.not_found")
    return entry


def _touch(session: Session, cv: CV) -> None:
    cv.updated_at = clock.now()
    session.add(cv)


# ---------------------------------------------------------------- the list
def list_cvs(session: Session, *, user_id: int) -> list[CVSummary]:
    rows = session.exec(select(CV).where(CV.user_id == user_id).order_by(CV.updated_at.desc())).all()
    return [CVSummary(id=c.id, title=c.title, template=c.template,
                      updated=format_date(c.updated_at)) for c in rows]


def create_cv(session: Session, *, user_id: int, title, lang: str = "nl") -> int:
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
    cv = _owned_cv(session, user_id=user_id, cv_id=cv_id)
    cv.title = fields.text(title, field="title", max_len=100, required=True)
    _touch(session, cv)
    session.commit()


def duplicate_cv(session: Session, *, user_id: int, cv_id, title_suffix: str = " (kopie)") -> int:
    cv = _owned_cv(session, user_id=user_id, cv_id=cv_id)
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
    session.add(copy)
    session.flush()
    for entry in session.exec(select(CVEntry).where(CVEntry.cv_id == cv.id)):
        session.add(CVEntry(**entry.model_dump(exclude={"id", "cv_id"}), cv_id=copy.id))
    session.commit()
    return copy.id


def delete_cv(session: Session, *, user_id: int, cv_id) -> None:
    """Delete a CV with its entries, recipients and photo bytes."""
    cv = _owned_cv(session, user_id=user_id, cv_id=cv_id)
    session.exec(delete(CVEntry).where(CVEntry.cv_id == cv.id))
    session.exec(delete(Recipient).where(Recipient.cv_id == cv.id))
    if cv.photo_id:
        session.exec(delete(Photo).where(Photo.id == cv.photo_id, Photo.user_id == user_id))
    session.delete(cv)
    session.commit()


# ---------------------------------------------------------------- the editor
def get_cv(session: Session, *, user_id: int, cv_id) -> CVView:
    cv = _owned_cv(session, user_id=user_id, cv_id=cv_id)
    entries: dict[str, list[EntryView]] = {s: [] for s in ENTRY_SECTIONS}
    for e in session.exec(select(CVEntry).where(CVEntry.cv_id == cv.id)
                          .order_by(CVEntry.section, CVEntry.position, CVEntry.id)):
        entries.setdefault(e.section, []).append(EntryView(
            id=e.id, section=e.section, title=e.title, organisation=e.organisation,
            location=e.location, start=format_month(e.start), end=format_month(e.end),
            current=e.current,
            description=e.description, level=e.level))
    return CVView(
        id=cv.id, title=cv.title, template=cv.template, accent=cv.accent, lang=cv.lang,
        values={name: getattr(cv, name) for name in TEXT_FIELDS},
        birth_date=format_date(cv.birth_date),
        licences=list(cv.driving_licence or []), hidden_sections=list(cv.hidden_sections or []),
        omit_fields=list(cv.omit_fields or []), has_photo=cv.photo_id is not None,
        entries=entries,
    )


def set_field(session: Session, *, user_id: int, cv_id, name, value) -> str:
    """Autosave one personal-detail field; returns the stored value."""
    fields.choice(name, TEXT_FIELDS)
    cv = _owned_cv(session, user_id=user_id, cv_id=cv_id)
    limit, kind = TEXT_FIELDS[name]
    value = _clean(value, name=name, limit=limit, kind=kind)
    if name == "full_name" and not value:
        raise Invalid("error.required", field=name)
    setattr(cv, name, value)
    _touch(session, cv)
    session.commit()
    return value


def set_birth_date(session: Session, *, user_id: int, cv_id, value) -> None:
    cv = _owned_cv(session, user_id=user_id, cv_id=cv_id)
    cv.birth_date = parse_birth_date(value, today=clock.local_today())
    _touch(session, cv)
    session.commit()


def set_licences(session: Session, *, user_id: int, cv_id, licences) -> None:
    cv = _owned_cv(session, user_id=user_id, cv_id=cv_id)
    if not isinstance(licences, list) or not all(isinstance(x, str) and x in LICENCES for x in licences):
        raise Invalid("error.invalid_input", field="driving_licence")
    cv.driving_licence = [x for x in LICENCES if x in licences]
    _touch(session, cv)
    session.commit()


def set_layout(session: Session, *, user_id: int, cv_id, template=None, accent=None, lang=None) -> None:
    cv = _owned_cv(session, user_id=user_id, cv_id=cv_id)
    if template is not None:
        cv.template = fields.choice(template, TEMPLATES, field="template")
    if accent is not None:
        if not isinstance(accent, str) or not re.fullmatch(r"#[0-9a-fA-F]{6}", accent):
            raise Invalid("error.invalid_input", field="accent")
        cv.accent = accent.lower()
    if lang is not None:
        cv.lang = fields.choice(lang, LANGS, field="lang")
    _touch(session, cv)
    session.commit()


def _toggle(items: list, item: str, on: bool) -> list:
    items = [x for x in items if x != item]
    return items + [item] if on else items


def set_section_hidden(session: Session, *, user_id: int, cv_id, section, hidden) -> None:
    cv = _owned_cv(session, user_id=user_id, cv_id=cv_id)
    fields.choice(section, SECTIONS)
    if not isinstance(hidden, bool):
        raise Invalid("error.invalid_input")
    cv.hidden_sections = _toggle(list(cv.hidden_sections or []), section, hidden)
    _touch(session, cv)
    session.commit()


def set_omitted(session: Session, *, user_id: int, cv_id, name, omit) -> None:
    """Leave a sensitive field out of the PDF without deleting it."""
    cv = _owned_cv(session, user_id=user_id, cv_id=cv_id)
    fields.choice(name, OMITTABLE)
    if not isinstance(omit, bool):
        raise Invalid("error.invalid_input")
    cv.omit_fields = _toggle(list(cv.omit_fields or []), name, omit)
    _touch(session, cv)
    session.commit()


# ---------------------------------------------------------------- entries
def add_entry(session: Session, *, user_id: int, cv_id, section) -> int:
    cv = _owned_cv(session, user_id=user_id, cv_id=cv_id)
    fields.choice(section, ENTRY_SECTIONS)
    count, last = session.exec(select(func.count(CVEntry.id), func.max(CVEntry.position))
                               .where(CVEntry.cv_id == cv.id)).one()
    if count >= MAX_ENTRIES:
        raise Invalid("error.too_many_entries", max=MAX_ENTRIES)
    entry = CVEntry(cv_id=cv.id, user_id=user_id, section=section, position=(last or 0) + 1,
                    level="B2" if section == "languages" else "")
    session.add(entry)
    _touch(session, cv)
    session.commit()
    return entry.id


def set_entry_field(session: Session, *, user_id: int, entry_id, name, value) -> None:
    entry = _owned_entry(session, user_id=user_id, entry_id=entry_id)
    fields.choice(name, (*ENTRY_FIELDS, "start", "end", "current", "level"))
    if name in ENTRY_FIELDS:
        limit, kind = ENTRY_FIELDS[name]
        setattr(entry, name, _clean(value, name=name, limit=limit, kind=kind))
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
    _touch(session, session.get(CV, entry.cv_id))
    session.commit()


def move_entry(session: Session, *, user_id: int, entry_id, direction) -> None:
    """Swap an entry with its neighbour in the same section (direction -1 up, +1 down)."""
    entry = _owned_entry(session, user_id=user_id, entry_id=entry_id)
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
    _touch(session, session.get(CV, entry.cv_id))
    session.commit()


def delete_entry(session: Session, *, user_id: int, entry_id) -> None:
    entry = _owned_entry(session, user_id=user_id, entry_id=entry_id)
    cv = session.get(CV, entry.cv_id)
    session.delete(entry)
    _touch(session, cv)
    session.commit()


# ---------------------------------------------------------------- photo
def set_photo(session: Session, *, user_id: int, cv_id, raw: bytes) -> None:
    cv = _owned_cv(session, user_id=user_id, cv_id=cv_id)
    clean = photos.clean(raw)
    if cv.photo_id:
        session.exec(delete(Photo).where(Photo.id == cv.photo_id, Photo.user_id == user_id))
    photo = Photo(user_id=user_id, data=clean.data, width=clean.width, height=clean.height,
                  sha256=clean.sha256, created_at=clock.now())
    session.add(photo)
    session.flush()
    cv.photo_id = photo.id
    _touch(session, cv)
    session.commit()


def remove_photo(session: Session, *, user_id: int, cv_id) -> None:
    cv = _owned_cv(session, user_id=user_id, cv_id=cv_id)
    if cv.photo_id:
        session.exec(delete(Photo).where(Photo.id == cv.photo_id, Photo.user_id == user_id))
        cv.photo_id = None
        _touch(session, cv)
        session.commit()


def photo_bytes(session: Session, *, user_id: int, cv_id) -> bytes | None:
    cv = _owned_cv(session, user_id=user_id, cv_id=cv_id)
    if not cv.photo_id:
        return None
    photo = session.get(Photo, cv.photo_id)
    return photo.data if photo is not None and photo.user_id == user_id else None


# ---------------------------------------------------------------- PDF
def document_for(session: Session, *, user_id: int, cv_id):
    """The CV as a ``CVDocument``: hidden sections and omitted fields are left out."""
    from .pdf.document import CVDocument, Fact, Item, Section

    cv = _owned_cv(session, user_id=user_id, cv_id=cv_id)
    lang = cv.lang

    def tr(key, **kw):
        return t(key, lang, **kw)

    omit = set(cv.omit_fields or [])
    hidden = set(cv.hidden_sections or [])
    address = ", ".join(p for p in (cv.street, " ".join(x for x in (cv.postal_code, cv.city) if x),
                                    cv.country) if p)
    contact = tuple(Fact(label, value) for label, value in (
        (tr("cv.email"), cv.email), (tr("cv.email_business"), cv.email_business),
        (tr("cv.phone"), cv.phone), (tr("cv.address"), address), (tr("cv.website"), cv.website),
    ) if value)
    personal = tuple(Fact(label, value) for label, value, key in (
        (tr("cv.birth_date"), format_date(cv.birth_date), "birth_date"),
        (tr("cv.nationality"), cv.nationality, "nationality"),
        (tr("cv.gender"), cv.gender, "gender"),
        (tr("cv.marital_status"), cv.marital_status, "marital_status"),
        (tr("cv.driving_licence"), ", ".join(cv.driving_licence or []), "driving_licence"),
    ) if value and key not in omit)
    entries = session.exec(select(CVEntry).where(CVEntry.cv_id == cv.id)
                           .order_by(CVEntry.position, CVEntry.id)).all()

    def period(e: CVEntry) -> str:
        if not e.start and not e.end and not e.current:
            return ""
        end = tr("cv.present") if e.current else format_month(e.end)
        return " – ".join(x for x in (format_month(e.start), end) if x)

    sections = []
    for key in SECTIONS:
        if key in hidden:
            continue
        heading = tr(f"cv.section.{key}")
        if key in ("profile", "other"):
            text = cv.profile if key == "profile" else cv.other_info
            if text:
                sections.append(Section(key=key, heading=heading, text=text))
            continue
        items = tuple(
            Item(title=e.title, organisation=e.organisation, location=e.location,
                 period=period(e), description=e.description,
                 level=tr(f"cv.cefr.{e.level}") if e.level else "")
            for e in entries if e.section == key and (e.title or e.organisation or e.description))
        if items:
            sections.append(Section(key=key, heading=heading, items=items))
    photo = None if "photo" in omit else photo_bytes(session, user_id=user_id, cv_id=cv_id)
    return CVDocument(
        name=cv.full_name or cv.title, headline=cv.headline, contact=contact, personal=personal,
        sections=tuple(sections), photo=photo, template=cv.template, accent=cv.accent,
        lang=lang, title=cv.title, page_label=tr("cv.page_label"),
        contact_heading=tr("cv.contact"), personal_heading=tr("cv.personal"),
    )


def pdf_filename(title: str) -> str:
    slug = re.sub(r"[^\w\-]+", "-", title, flags=re.UNICODE).strip("-")[:60] or "cv"
    return f"{slug}.pdf"


def render_pdf(session: Session, *, user_id: int, cv_id) -> tuple[str, bytes]:
    """(file name, PDF bytes) of one of the user's CVs. CPU-bound: call off the loop."""
    from . import pdf

    doc = document_for(session, user_id=user_id, cv_id=cv_id)
    return pdf_filename(doc.title or doc.name), pdf.render(doc)


def render_preview(session: Session, *, user_id: int, cv_id) -> bytes:
    """A PNG of every page of the PDF, stacked: exactly what the download will hold."""
    from .preview import pages_png

    _, data = render_pdf(session, user_id=user_id, cv_id=cv_id)
    return pages_png(data)
