"""Cover letters (issue 23): documents of their own, styled like the CV they belong to.

A letter is a ``CoverLetter`` row of one of the user's CVs. Its PDF is laid out by that CV's
own template (``pdf/registry.py``), with the CV's fonts, colours and header (name, headline,
contact details, photo where the template shows one): :func:`letter_document` takes the CV's
document (``rendering.document_for``) and replaces its sections with the letter's two:
"Aan" (the recipient and the place and date) and the subject with the salutation, body,
closing and name. Personal details (birth date, nationality…) stay off a letter. The same
document gives the Word and Markdown exports (``word.document_docx``,
``markdown.document_markdown``). Letters are kept, exported and erased like the CV (the
registry: ``models/cv.py``); deleting the CV deletes its letters. The owner only
(``NotFound`` otherwise); at most :data:`MAX_LETTERS` per CV.
"""

from __future__ import annotations

import dataclasses
import io
from dataclasses import dataclass

from sqlmodel import Session, func, select

from ...i18n.printed import day, printed
from ...models import CoverLetter
from ..core import clock, fields
from ..core.errors import Invalid, NotFound
from .checks import clean, owned_cv

MAX_LETTERS = 20
LETTER_FIELDS: dict[str, tuple[int, str]] = {
    "title": (100, "line"), "recipient_name": (100, "line"), "recipient_org": (120, "line"),
    "recipient_address": (300, "multiline"), "place": (80, "line"), "subject": (150, "line"),
    "salutation": (100, "line"), "body": (8000, "multiline"), "closing": (100, "line"),
}


@dataclass(frozen=True)
class LetterView:
    """One letter as the editor shows it: every field as text (the date as dd-mm-jjjj)."""

    id: int
    cv_id: int
    values: dict[str, str]
    updated: str


def owned_letter(session: Session, *, user_id: int, letter_id) -> CoverLetter:
    """The letter ``letter_id`` if it is the user's and its CV is not in the trash;
    ``NotFound`` otherwise."""
    return _owned(session, user_id, letter_id)


def _owned(session: Session, user_id: int, letter_id) -> CoverLetter:
    if not fields.is_id(letter_id):
        raise NotFound("error.not_found")
    letter = session.get(CoverLetter, letter_id)
    if letter is None or letter.user_id != user_id:
        raise NotFound("error.not_found")
    owned_cv(session, user_id=user_id, cv_id=letter.cv_id)  # not of a CV in the trash
    return letter


def _view(letter: CoverLetter) -> LetterView:
    values = {name: getattr(letter, name) for name in LETTER_FIELDS}
    values["letter_date"] = clock.format_date(letter.letter_date) if letter.letter_date else ""
    return LetterView(id=letter.id, cv_id=letter.cv_id, values=values,
                      updated=clock.format_date(letter.updated_at))


def create_letter(session: Session, *, user_id: int, cv_id) -> int:
    """A new letter for one of the user's CVs, filled with what a letter in the CV's language
    starts with (today, the CV's town, the usual salutation and closing); returns its id."""
    cv = owned_cv(session, user_id=user_id, cv_id=cv_id)
    count = session.exec(select(func.count(CoverLetter.id)).where(CoverLetter.cv_id == cv.id)).one()
    if count >= MAX_LETTERS:
        raise Invalid("error.too_many_letters", field="letters", max=MAX_LETTERS)
    now = clock.now()
    letter = CoverLetter(
        cv_id=cv.id, user_id=user_id, created_at=now, updated_at=now,
        title=f"{printed('cv.letter', cv.lang)} {count + 1}"[:100], place=cv.city,
        letter_date=clock.local_today(), salutation=printed("cv.letter_salutation", cv.lang),
        closing=printed("cv.letter_closing", cv.lang))
    session.add(letter)
    session.commit()
    return letter.id


def list_letters(session: Session, *, user_id: int, cv_id) -> list[LetterView]:
    """The letters of one of the user's CVs, newest first."""
    cv = owned_cv(session, user_id=user_id, cv_id=cv_id)
    rows = session.exec(select(CoverLetter).where(CoverLetter.cv_id == cv.id)
                        .order_by(CoverLetter.id.desc())).all()
    return [_view(r) for r in rows]


def get_letter(session: Session, *, user_id: int, letter_id) -> LetterView:
    """One of the user's letters."""
    return _view(_owned(session, user_id, letter_id))


def set_letter_field(session: Session, *, user_id: int, letter_id, name, value) -> str:
    """Autosave one field (``LETTER_FIELDS`` or ``letter_date``, dd-mm-jjjj); returns the
    stored text. ``Invalid`` as the editor's fields; the title may not be empty."""
    letter = _owned(session, user_id, letter_id)
    if name == "letter_date":
        # any real date (not a birth date's rules): checked as a day, stored as a date
        letter.letter_date = None if value in ("", None) else clock.parse_date(value, field=name)
        stored = clock.format_date(letter.letter_date) if letter.letter_date else ""
    else:
        fields.choice(name, tuple(LETTER_FIELDS), field=name)
        limit, kind = LETTER_FIELDS[name]
        stored = clean(value, name=name, limit=limit, kind=kind)
        if name == "title" and not stored:
            raise Invalid("error.required", field=name)
        setattr(letter, name, stored)
    letter.updated_at = clock.now()
    session.add(letter)
    session.commit()
    return stored


def delete_letter(session: Session, *, user_id: int, letter_id) -> None:
    """Delete one of the user's letters."""
    session.delete(_owned(session, user_id, letter_id))
    session.commit()


def letter_document(session: Session, *, user_id: int, letter_id, anonymous: bool = False):
    """The letter as a ``CVDocument`` in its CV's template, fonts, colours and header
    (``anonymous``: the anonymous CV's header, as ``rendering.document_for``)."""
    from .pdf.document import Section
    from .rendering import document_for

    letter = _owned(session, user_id, letter_id)
    doc = document_for(session, user_id=user_id, cv_id=letter.cv_id, anonymous=anonymous)
    lang = doc.lang
    to = "\n".join(x for x in (letter.recipient_name, letter.recipient_org,
                               letter.recipient_address) if x.strip())
    dated = ", ".join(x for x in (letter.place, day(letter.letter_date, lang)) if x)
    body = "\n\n".join(x for x in (letter.salutation, letter.body,
                                   "\n".join(y for y in (letter.closing, doc.name) if y)) if x.strip())
    sections = tuple(s for s in (
        Section(key="letter_to", heading=printed("cv.letter_to", lang),
                text="\n\n".join(x for x in (to, dated) if x)),
        Section(key="letter", heading=letter.subject or printed("cv.letter", lang), text=body),
    ) if s.text)
    return dataclasses.replace(doc, sections=sections, personal=(), title=letter.title)


def with_letter(session: Session, *, user_id: int, letter_id, cv_pdf: bytes,
                anonymous: bool = False) -> bytes:
    """One PDF: the letter's pages, then the CV's (``cv_pdf``), for sending them together."""
    import pypdfium2 as pdfium

    from .pdf import render

    letter = render(letter_document(session, user_id=user_id, letter_id=letter_id,
                                    anonymous=anonymous))
    out = pdfium.PdfDocument.new()
    for part in (letter, cv_pdf):
        src = pdfium.PdfDocument(part)
        out.import_pages(src)
    buf = io.BytesIO()
    out.save(buf)
    return buf.getvalue()


def _name(doc, suffix: str) -> str:
    from .rendering import pdf_filename

    return pdf_filename(doc.title or doc.name)[:-4] + suffix


def letter_pdf(session: Session, *, user_id: int, letter_id) -> tuple[str, bytes]:
    """(file name, PDF) of one of the user's letters. CPU-bound."""
    from .pdf import render

    doc = letter_document(session, user_id=user_id, letter_id=letter_id)
    return _name(doc, ".pdf"), render(doc)


def letter_docx(session: Session, *, user_id: int, letter_id) -> tuple[str, bytes]:
    """(file name, DOCX) of one of the user's letters."""
    from .word import document_docx

    doc = letter_document(session, user_id=user_id, letter_id=letter_id)
    return _name(doc, ".docx"), document_docx(doc)


def letter_markdown(session: Session, *, user_id: int, letter_id) -> tuple[str, bytes]:
    """(file name, Markdown) of one of the user's letters."""
    from .markdown import document_markdown

    doc = letter_document(session, user_id=user_id, letter_id=letter_id)
    return _name(doc, ".md"), document_markdown(doc).encode()

