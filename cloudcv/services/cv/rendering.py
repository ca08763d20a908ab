"""A user's CV as a PDF: the document built from the database, its file name, the PDF
and the editor's preview.

:func:`document_for` is the one place that decides what reaches the PDF: hidden sections
and fields the user chose to leave out (``omit_fields``) never do; sections come in the
CV's own order under their own names (``sections.py``). Labels are translated
in the CV's own language (``i18n/printed.py``: labels, headings, months). The layout comes from the template registry
(``pdf/registry.py``), the drawing from ``pdf/``. All functions act for the owner only:
another user's CV raises ``NotFound``. Rendering is CPU-bound: call off the event loop.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Awaitable, Callable

from sqlmodel import Session, select

from ...i18n.printed import day, month, printed
from ...models import CVEntry
from .checks import owned_cv
from .cvs import photo_bytes
from .sections import ordered, own_sections
from .typography import typography_of


def initials(name: str) -> str:
    """"Anna de Vries" -> "A. d. V.": what an anonymous CV goes by without an alias."""
    return " ".join(f"{word[0]}." for word in name.split() if word[0].isalnum()) or "CV"


def sender_name(cv, name: str, anonymous: bool) -> str:
    """Who a CV comes from, as a recipient sees it: ``name``, or for the anonymous CV its
    alias (or the initials of the CV's name). Pure: any caller."""
    return (cv.alias.strip() or initials(cv.full_name or name)) if anonymous else name


def document_for(session: Session, *, user_id: int, cv_id, anonymous: bool = False):
    """The CV as a ``CVDocument``: hidden sections and omitted fields are left out.

    ``anonymous`` ("anoniem solliciteren", issue 22): the name becomes the CV's alias (or
    the initials), and the photo, the contact details (address included) and the personal
    details that say who someone is (birth date, nationality, gender, marital status) stay
    out; so does everything that carries the name into the PDF's metadata (title, author).
    The owner only: other users get ``NotFound``.
    """
    cv = owned_cv(session, user_id=user_id, cv_id=cv_id)
    entries = session.exec(select(CVEntry).where(CVEntry.cv_id == cv.id)
                           .order_by(CVEntry.position, CVEntry.id)).all()
    omit = set(cv.omit_fields or [])
    photo = None if "photo" in omit or anonymous else photo_bytes(session, user_id=user_id, cv_id=cv_id)
    return document_of(cv, entries, own_sections(session, cv), photo, anonymous=anonymous)


def document_of(cv, entries, own, photo: bytes | None, *, anonymous: bool = False):
    """The ``CVDocument`` of a CV's content: ``cv`` (a row, or a transient copy holding a
    saved version), its ``entries`` in order, its ``own`` sections and the photo bytes (None:
    no photo). What :func:`document_for` says about ``anonymous`` applies. Pure: any caller."""
    from .pdf.document import CVDocument, Fact, Item, Section
    from .pdf.scripts import isolated

    lang = cv.lang

    def tr(key, **kw):
        return printed(key, lang, **kw)

    omit = set(cv.omit_fields or [])
    if anonymous:
        omit |= {"birth_date", "nationality", "gender", "marital_status", "photo"}
    hidden = set(cv.hidden_sections or [])
    # each part in a bidi isolate when one is right to left (a Hebrew street name must not
    # turn the postcode beside it around: scripts.isolated)
    place = " ".join(isolated([x for x in (cv.postal_code, cv.city) if x]))
    address = ", ".join(isolated([p for p in (cv.street, place, cv.country) if p]))
    contact = () if anonymous else tuple(Fact(label, value) for label, value in (
        (tr("cv.email"), cv.email), (tr("cv.email_business"), cv.email_business),
        (tr("cv.phone"), cv.phone), (tr("cv.address"), address), (tr("cv.website"), cv.website),
    ) if value)
    personal = tuple(Fact(label, value) for label, value, key in (
        (tr("cv.birth_date"), day(cv.birth_date, lang), "birth_date"),
        (tr("cv.nationality"), cv.nationality, "nationality"),
        (tr("cv.gender"), cv.gender, "gender"),
        (tr("cv.marital_status"), cv.marital_status, "marital_status"),
        (tr("cv.driving_licence"), ", ".join(cv.driving_licence or []), "driving_licence"),
    ) if value and key not in omit)
    def period(e: CVEntry) -> str:
        if not e.start and not e.end and not e.current:
            return ""
        end = tr("cv.present") if e.current else month(e.end, lang)
        return " – ".join(x for x in (month(e.start, lang), end) if x)

    sections = []
    for view in ordered(cv, lang, own):
        key, heading = view.key, view.title
        if key in hidden:
            continue
        if key in ("profile", "other"):
            text = cv.profile if key == "profile" else cv.other_info
            if text:
                sections.append(Section(key=key, heading=heading, text=text,
                                        new_page=view.new_page))
            continue
        items = tuple(
            Item(title=e.title, organisation=e.organisation, location=e.location,
                 period=period(e), description=e.description,
                 level=tr(f"cv.cefr.{e.level}") if e.level else "")
            for e in entries if e.section == key and (e.title or e.organisation or e.description))
        if items:
            sections.append(Section(key=key, heading=heading, items=items, new_page=view.new_page))
    if "photo" in omit:
        photo = None
    name = cv.full_name or cv.title
    if anonymous:
        name = sender_name(cv, name, True)
    return CVDocument(
        name=name, headline=cv.headline, contact=contact, personal=personal,
        sections=tuple(sections), photo=photo, template=cv.template, accent=cv.accent,
        lang=lang, title=name if anonymous else cv.title, page_label=tr("cv.page_label"),
        contact_heading=tr("cv.contact"), personal_heading=tr("cv.personal"),
        typography=typography_of(cv),
    )


def pdf_filename(title: str) -> str:
    """A safe download name for a CV titled ``title`` (``cv.pdf`` when nothing is left).
    Pure: any caller."""
    slug = re.sub(r"[^\w\-]+", "-", title, flags=re.UNICODE).strip("-")[:60] or "cv"
    return f"{slug}.pdf"


def render_pdf(session: Session, *, user_id: int, cv_id, anonymous: bool = False) -> tuple[str, bytes]:
    """(file name, PDF bytes) of one of the user's CVs (``anonymous``: see
    :func:`document_for`). CPU-bound: call off the loop.

    The owner only: other users get ``NotFound``. Raises
    ``Invalid("error.template_unknown")`` when the CV's template is no longer in the
    registry.
    """
    from . import pdf

    doc = document_for(session, user_id=user_id, cv_id=cv_id, anonymous=anonymous)
    return pdf_filename(doc.title or doc.name), pdf.render(doc)


def document_digest(doc) -> str:
    """A digest of everything a ``CVDocument`` puts on the page (photo included): the
    preview cache's version key. Pure: any caller."""
    digest = hashlib.sha256(repr(dataclasses.replace(doc, photo=None)).encode())
    digest.update(hashlib.sha256(doc.photo or b"").digest())
    return digest.hexdigest()


async def cached_preview(doc, *, user_id: int, cv_id: int, cache,
                         rasterise: Callable[[object], Awaitable[bytes]]) -> tuple[str, bytes]:
    """(digest, image) of ``doc``, the document :func:`document_for` read for ``user_id``'s
    CV ``cv_id``: every page stacked, exactly what the download will hold. Call after the
    ownership check (:func:`document_for`), outside the session.

    ``cache`` (a ``preview_queue.PreviewCache``) holds one image per CV, keyed by the user,
    the CV and :func:`document_digest`: a version is rasterised once. On a miss
    ``await rasterise(doc)`` makes the image (``api.py``: ``preview.document_jpeg`` in a
    background process).
    """
    digest = document_digest(doc)
    if (hit := cache.get(user_id, cv_id, digest)) is not None:
        return digest, hit
    image = await rasterise(doc)
    cache.put(user_id, cv_id, digest, image)
    return digest, image


def render_preview(session: Session, *, user_id: int, cv_id) -> bytes:
    """The editor's preview image (JPEG) of one of the user's CVs, made here and now.

    The owner only: other users get ``NotFound``; raises as :func:`render_pdf`.
    """
    from .preview import document_jpeg

    return document_jpeg(document_for(session, user_id=user_id, cv_id=cv_id))
